using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Addressing;

/// <summary>
/// The transaction-level advisory locks every writer of directory lines takes before it checks for
/// overlaps, which no constraint refuses (migration 0008). A mirror batch checks thousands of addresses at
/// once, so it takes the lock of all line writes alone; a single write shares that lock and takes its
/// address's own, so writes of different addresses still run side by side.
/// </summary>
internal static class LineWriteLock
{
    // The single-key advisory lock space; per-address keys are int4 hashes, so they never reach this one.
    private const long AllLinesKey = 0x5157_4545_4259_0008;

    public static Task ForBatchAsync(DirectoryTransaction tx, CancellationToken ct) =>
        ExecAsync(tx, $"SELECT pg_advisory_xact_lock({AllLinesKey})", null, ct);

    public static Task ForAddressAsync(DirectoryTransaction tx, string address, CancellationToken ct) =>
        ExecAsync(tx, $"SELECT pg_advisory_xact_lock_shared({AllLinesKey}), pg_advisory_xact_lock(hashtext('directory_line:' || $1))", address, ct);

    private static async Task ExecAsync(DirectoryTransaction tx, string sql, string? address, CancellationToken ct)
    {
        await using var cmd = tx.CreateCommand(sql);
        if (address is not null)
            cmd.Parameters.Add(new() { Value = address });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
