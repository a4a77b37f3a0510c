using Qweeby.Routing.Data.Cache;

namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// Every admin change goes through here: one <see cref="DirectoryWrite"/> transaction holding the change, its
/// audit rows and the cache keys it invalidates on every routing host. A refusal thrown inside rolls it all back.
/// </summary>
public sealed class AdminWrites(DirectoryWrite writes, TimeProvider time)
{
    public Task<T> RunAsync<T>(string actor, Func<AdminTransaction, CancellationToken, Task<T>> change, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        return writes.RunAsync((tx, c) => change(new AdminTransaction(tx, actor, at), c), ct);
    }
}
