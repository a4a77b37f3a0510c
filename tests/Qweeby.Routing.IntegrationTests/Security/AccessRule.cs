using Grpc.Core;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// One row of the access matrix: a method of one host, how to call it (with any request that passes
/// authorization; domain errors such as NOT_FOUND count as allowed), and the personas allowed.
/// </summary>
public sealed record AccessRule(string Method, HostKind Host, IReadOnlySet<Persona> Allowed, Func<CallInvoker, AccessContext, Task> Invoke)
{
    public override string ToString() => $"{Host} {Method}";
}

/// <summary>What a call may need from the matrix fixture: the entity scoped personas act for.</summary>
public sealed record AccessContext(Guid EntityA, CancellationToken Ct);

public enum HostKind
{
    Routing,
    Admin,
}
