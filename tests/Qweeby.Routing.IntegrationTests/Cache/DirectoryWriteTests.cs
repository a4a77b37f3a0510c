using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.Data.Postgres;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Cache;

public sealed class DirectoryWriteTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private TestDatabase _database = null!;
    private FactTable _facts = null!;
    private CacheInvalidationLog _log = null!;
    private CacheNode _writer = null!;
    private CacheNode _reader = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await new MigrationRunner(_database.DataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(Ct);
        _facts = await FactTable.CreateAsync(_database.DataSource);
        _log = new CacheInvalidationLog(_database.DataSource, TimeProvider.System);
        _writer = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix, _log);
        _reader = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix, _log);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DirectoryWrite Writes => new(_database.DataSource, _log, _writer.Cache, NullLogger<DirectoryWrite>.Instance);

    private Task<Fact?> ReadAsync(CacheNode host, CacheKey key) =>
        host.Cache.GetOrLoadAsync<Fact>(key, c => _facts.LoadAsync(key, c), Ct).AsTask();

    [Fact]
    public async Task A_directory_write_invalidates_its_keys_on_every_host_and_leaves_nothing_pending()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        await _facts.InsertAsync(key, "before");
        await ReadAsync(_reader, key);

        await Writes.RunAsync((tx, c) => FactTable.UpdateAsync(tx, key, "after", c), Ct);

        Assert.Equal(0, await _facts.PendingInvalidationsAsync());
        Assert.Equal(new Fact("after"), await ReadAsync(_writer, key));
        await Eventually.True(async () => await ReadAsync(_reader, key) == new Fact("after"), TimeSpan.FromSeconds(5), "the reader to see the write");
    }

    [Fact]
    public async Task A_write_that_fails_commits_nothing_and_records_no_invalidation()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        await _facts.InsertAsync(key, "before");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writes.RunAsync(async (tx, c) =>
        {
            await FactTable.UpdateAsync(tx, key, "after", c);
            throw new InvalidOperationException("refused halfway");
        }, Ct));

        Assert.Equal(0, await _facts.PendingInvalidationsAsync());
        Assert.Equal(new Fact("before"), await ReadAsync(_reader, key));
    }

    [Fact]
    public async Task The_relay_publishes_an_invalidation_a_writer_committed_but_never_published()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        await _facts.InsertAsync(key, "before");
        await ReadAsync(_reader, key);
        // A writer that stopped between its commit and its publish.
        await using (var connection = await _database.DataSource.OpenConnectionAsync(Ct))
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await using var update = new Npgsql.NpgsqlCommand("UPDATE test_fact SET value = 'after' WHERE name = $1", connection, transaction);
            update.Parameters.Add(new() { Value = key.Name });
            await update.ExecuteNonQueryAsync(Ct);
            await _log.RecordAsync(connection, transaction, [key], Ct);
            await transaction.CommitAsync(Ct);
        }
        Assert.Equal(new Fact("before"), await ReadAsync(_reader, key));

        using var relay = new CacheInvalidationRelay(_log, _writer.Cache,
            Options.Create(new CacheOptions { KeyPrefix = _prefix, RelayAfter = TimeSpan.FromMilliseconds(100) }),
            TimeProvider.System, NullLogger<CacheInvalidationRelay>.Instance);
        await relay.StartAsync(Ct);
        await Eventually.True(async () => await _facts.PendingInvalidationsAsync() == 0, TimeSpan.FromSeconds(10), "the relay to publish");
        await relay.StopAsync(Ct);

        await Eventually.True(async () => await ReadAsync(_reader, key) == new Fact("after"), TimeSpan.FromSeconds(5), "the reader to see the write");
    }
}
