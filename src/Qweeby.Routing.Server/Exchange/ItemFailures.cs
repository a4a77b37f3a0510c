using Npgsql;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>Failures of a group commit that may belong to one of its items, so that committing each alone may save the others.</summary>
public static class ItemFailures
{
    /// <summary>
    /// A value or constraint one row broke (SQLSTATE classes 22 and 23), or a deadlock or serialization failure between
    /// groups (40P01, 40001); not Postgres being away, a timeout or a cancellation, which every item would meet again.
    /// </summary>
    public static bool MayBeOneItems(Exception e) =>
        e is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal)
            || state is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure);
}
