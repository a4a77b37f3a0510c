using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Hosting;

public static class HostCommands
{
    /// <summary><c>migrate</c> applies the migrations and exits; anything else runs the host.</summary>
    public static async Task<int> RunOrMigrateAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == "migrate")
        {
            var applied = await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
            app.Logger.LogInformation("Database up to date ({Applied} migrations applied now)", applied);
            return 0;
        }
        await app.RunAsync();
        return 0;
    }
}
