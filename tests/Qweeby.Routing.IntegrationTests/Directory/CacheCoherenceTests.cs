using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Directory;

/// <summary>
/// Two routing hosts sharing one database and one Redis: a write made and invalidated through one host
/// is seen by the very next Resolve on the other; cached misses never outlive the write that fills them.
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
        _seed = new DirectorySeeder(_database.DataSource);
        _client = new RecipientDirectory.RecipientDirectoryClient(_reader.Channel);
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _writer.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task InvalidateAsync(params CacheKey[] keys) =>
        _writer.Services.GetRequiredService<IDirectoryCache>().InvalidateAsync(keys, CancellationToken.None);

    private static ResolveRequest From(string sender, string recipient) =>
        new() { Sender = sender, Recipient = new RecipientReference { Identifier = recipient } };

    [Fact]
    public async Task A_cached_miss_does_not_outlive_the_registration_that_fills_it()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => _client.ResolveAsync(From("", siret)).ResponseAsync);

        var id = await _seed.EntityAsync("Newly Registered", [siret]);
        await _seed.RegisterAsync(id, await _seed.ProviderAsync());
        await InvalidateAsync([.. CacheKeys.AffectedByIdentifier(PartyId.Parse(siret)), CacheKeys.Providers()]);

        Assert.Equal(id.ToString(), (await _client.ResolveAsync(From("", siret))).Recipient.EntityId);
    }

    [Fact]
    public async Task A_deactivation_written_through_one_host_is_seen_by_the_next_resolve_on_the_other()
    {
        var (id, siret, _) = await RecipientAsync();
        await _client.ResolveAsync(From("", siret)); // now cached on the reader

        await _seed.DeactivateAsync(id);
        await InvalidateAsync(CacheKeys.Entity(id));

        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound, () => _client.ResolveAsync(From("", siret)).ResponseAsync);
        Assert.Equal("RECIPIENT_NON_EXISTENT", failure.Reason());
    }

    [Fact]
    public async Task A_consent_change_for_one_pair_changes_that_senders_answer_and_no_other()
    {
        var (recipient, siret, _) = await RecipientAsync();
        var sender = await _seed.EntityAsync("Sender One", [TestIds.Siret(TestIds.Siren())]);
        var senderSiret = (await SiretOf(sender));
        await _client.ResolveAsync(From(senderSiret, siret));

        await _seed.ConsentAsync(sender, recipient, "refused");
        await InvalidateAsync(CacheKeys.Relation(sender, recipient));

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => _client.ResolveAsync(From(senderSiret, siret)).ResponseAsync);
        Assert.Equal("CONSENT_REFUSED", failure.Reason());
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
        await InvalidateAsync(CacheKeys.Providers());

        Assert.Equal(second, (await _client.ResolveAsync(From("", siret))).Route.Provider.ProviderId);
    }

    [Fact]
    public async Task Without_an_invalidation_the_reader_keeps_answering_from_its_cache()
    {
        // The control for the tests above: it is the invalidation, not a missed cache, that makes them pass.
        var (id, siret, _) = await RecipientAsync();
        await _client.ResolveAsync(From("", siret));

        await _seed.DeactivateAsync(id);

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

    private async Task<string> SiretOf(Guid entity)
    {
        await using var cmd = _database.DataSource.CreateCommand("SELECT value FROM entity_identifier WHERE entity_id = $1 AND icd = '0009'");
        cmd.Parameters.Add(new() { Value = entity });
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
