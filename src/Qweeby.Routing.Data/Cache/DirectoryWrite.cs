using Microsoft.Extensions.Logging;
using Npgsql;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// A directory write with its cache invalidation: the caller's SQL and the keys it declares commit together
/// (<see cref="CacheInvalidationLog"/>), then the keys are invalidated on every host. If Redis is away then,
/// the write still succeeds and <see cref="CacheInvalidationRelay"/> publishes the invalidation later.
/// <code>
/// await writes.RunAsync(async (tx, ct) =>
/// {
///     await using var cmd = tx.CreateCommand("UPDATE entity SET status = 'inactive' WHERE entity_id = $1");
///     cmd.Parameters.Add(new() { Value = entityId });
///     await cmd.ExecuteNonQueryAsync(ct);
///     tx.Changes(CacheKeys.Entity(entityId));
/// }, ct);
/// </code>
/// </summary>
public sealed class DirectoryWrite(
    NpgsqlDataSource dataSource, CacheInvalidationLog log, IDirectoryCache cache, ILogger<DirectoryWrite> logger)
{
    public async Task<T> RunAsync<T>(Func<DirectoryTransaction, CancellationToken, Task<T>> write, CancellationToken ct)
    {
        var (result, published) = await RunThenPublishAsync(write, ct);
        await published;
        return result;
    }

    /// <summary>
    /// As <see cref="RunAsync{T}"/>, but returns at the commit, with the invalidation still on its way: for a writer
    /// that writes again at once (a mirror import's next batch), and awaits <c>Published</c> before it reports done.
    /// </summary>
    public async Task<(T Result, Task Published)> RunThenPublishAsync<T>(Func<DirectoryTransaction, CancellationToken, Task<T>> write, CancellationToken ct)
    {
        T result;
        PendingInvalidation? pending = null;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var tx = new DirectoryTransaction(connection, transaction);
            result = await write(tx, ct);
            if (tx.ChangedKeys.Count > 0)
                pending = await log.RecordAsync(connection, transaction, tx.ChangedKeys, ct);
            await transaction.CommitAsync(ct);
        }
        return (result, pending is null ? Task.CompletedTask : PublishAsync(pending));
    }

    public Task RunAsync(Func<DirectoryTransaction, CancellationToken, Task> write, CancellationToken ct) =>
        RunAsync<bool>(async (tx, writeCt) =>
        {
            await write(tx, writeCt);
            return true;
        }, ct);

    /// <summary>
    /// For writers that record with <see cref="CacheInvalidationLog.RecordAsync"/> in a transaction of their own:
    /// after the commit, invalidates the keys and deletes the row. Never throws for Redis or Postgres being
    /// away (logged; the relay finishes the job).
    /// </summary>
    /// <returns>Whether the invalidation reached Redis.</returns>
    public async Task<bool> PublishAsync(PendingInvalidation pending)
    {
        // The write is committed: the caller giving up must not skip its invalidation.
        if (!await cache.InvalidateAsync(pending.Keys, CancellationToken.None))
        {
            logger.LogWarning("Redis unavailable after a directory write: invalidation {InvalidationId} ({KeyCount} keys) left to the relay",
                pending.Id, pending.Keys.Count);
            return false;
        }
        try
        {
            await log.DeleteAsync(pending, CancellationToken.None);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Invalidation {InvalidationId} was published but not deleted; the relay will publish it again", pending.Id);
        }
        return true;
    }
}
