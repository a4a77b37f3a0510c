using Npgsql;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>Runs a store call, answering the directory's refusals with their gRPC status (RpcErrors.AdminRefused).</summary>
public static class AdminErrors
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AdminRefusal refusal)
        {
            throw RpcErrors.AdminRefused(refusal).ToException();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Stores check first and name the holder; this is a concurrent change winning the race.
            throw RpcErrors.AdminRefused(new AdminRefusal(AdminRefusalKind.Conflict, "CONCURRENT_CHANGE",
                "Another change took the same value a moment ago: read the record again and retry.", ("constraint", e.ConstraintName ?? ""))).ToException();
        }
    }
}
