using Microsoft.Extensions.Hosting;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Hosting;

/// <summary>Applies pending migrations during start-up, before Kestrel accepts calls.</summary>
internal sealed class MigrateOnStart(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
