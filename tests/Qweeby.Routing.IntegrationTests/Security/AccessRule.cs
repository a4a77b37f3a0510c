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
