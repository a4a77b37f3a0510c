using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>
/// Two routing hosts sharing one database and one Redis: a write committed through one host's
/// <see cref="DirectoryWrite"/> is seen by the next Resolve on the other; cached misses never outlive the
/// write that fills them.
/// </summary>
public sealed class CacheCoherenceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private RunningHost _writer = null!;
    private RunningHost _reader = null!;
    private DirectorySeeder _seed = null!;
    private RecipientDirectory.RecipientDirectoryClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var prefix = Keys.Unique();
        _writer = await RunningHost.StartAsync(RoutingHost.Build, _database, prefix);
        _reader = await RunningHost.StartAsync(RoutingHost.Build, _database, prefix);
        _seed = new DirectorySeeder(_writer.Services.GetRequiredService<DirectoryWrite>());
        _client = new RecipientDirectory.RecipientDirectoryClient(_reader.CallInvokerFor(await TestCredentials.IssueAsync(_database, [Role.Resolve])));
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ResolveRequest From(string sender, string recipient) =>
        new() { Sender = sender, Recipient = new RecipientReference { Identifier = recipient } };

    /// <summary>
    /// The other host drops its in-process copy when the invalidation message arrives (asynchronously, well
    /// under a millisecond later); Redis itself is already clean when the write returns.
    /// </summary>
    private static Task SeenAsync(Func<Task<bool>> condition, string what) => Eventually.True(condition, TimeSpan.FromSeconds(2), what);

    [Fact]
    public async Task A_cached_miss_does_not_outlive_the_registration_that_fills_it()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _client.ResolveAsync(From("", siret)).ResponseAsync);

        var id = await _seed.EntityAsync("Newly Registered", [siret]);
        await _seed.RegisterAsync(id, await _seed.ProviderAsync());

        await SeenAsync(async () => (await _client.ResolveAsync(From("", siret))).Recipient.EntityId == id.ToString(), "the new registration");
    }

    [Fact]
    public async Task A_deactivation_written_through_one_host_is_seen_by_the_next_resolve_on_the_other()
    {
        var (id, siret, _) = await RecipientAsync();
        await _client.ResolveAsync(From("", siret)); // now cached on the reader

        await _seed.DeactivateAsync(id);

        await SeenAsync(async () => await RpcAssert.RefusalOf(() => _client.ResolveAsync(From("", siret)).ResponseAsync) == "RECIPIENT_NON_EXISTENT",
            "the deactivation");
    }

    [Fact]
    public async Task A_consent_change_for_one_pair_changes_that_senders_answer_and_no_other()
    {
        var (recipient, siret, _) = await RecipientAsync();
        var senderSiret = TestIds.Siret(TestIds.Siren());
        var sender = await _seed.EntityAsync("Sender One", [senderSiret]);
        await _client.ResolveAsync(From(senderSiret, siret));

        await _seed.ConsentAsync(sender, recipient, "refused");

        await SeenAsync(async () => await RpcAssert.RefusalOf(() => _client.ResolveAsync(From(senderSiret, siret)).ResponseAsync) == "CONSENT_REFUSED",
            "the refused consent");
        await _client.ResolveAsync(From("", siret));
    }

    [Fact]
    public async Task A_provider_suspension_reroutes_at_once()
    {
        var (recipient, siret, first) = await RecipientAsync();
        var second = await _seed.ProviderAsync();
        await _seed.RegisterAsync(recipient, second, isDefault: false);
        Assert.Equal(first, (await _client.ResolveAsync(From("", siret))).Route.Provider.ProviderId);

        await _seed.SuspendProviderAsync(first);

        await SeenAsync(async () => (await _client.ResolveAsync(From("", siret))).Route.Provider.ProviderId == second, "the other provider");
    }

    [Fact]
    public async Task Without_an_invalidation_the_reader_keeps_answering_from_its_cache()
    {
        // The control for the tests above: it is the invalidation, not a missed cache, that makes them pass.
        var (id, siret, _) = await RecipientAsync();
        await _client.ResolveAsync(From("", siret));

        await using (var cmd = _database.DataSource.CreateCommand("UPDATE entity SET status = 'inactive' WHERE entity_id = $1"))
        {
            cmd.Parameters.Add(new() { Value = id });
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(EntityStatus.Active, (await _client.ResolveAsync(From("", siret))).Recipient.Status);
    }

    private async Task<(Guid Id, string Siret, string Provider)> RecipientAsync()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await _seed.EntityAsync("Cached Recipient", [siret]);
        var provider = await _seed.ProviderAsync();
        await _seed.RegisterAsync(id, provider);
        return (id, siret, provider);
    }
}
