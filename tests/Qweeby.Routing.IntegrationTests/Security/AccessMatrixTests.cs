using Grpc.Core;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>Every RPC × every persona: allowed, or refused with the right status and reason (rows in <see cref="AccessMatrix"/>).</summary>
public sealed class AccessMatrixTests(AccessMatrixFixture fixture) : IClassFixture<AccessMatrixFixture>
{
    public static TheoryData<string, HostKind, Persona> Cases => AccessMatrix.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_is_allowed_or_refused_as_the_access_matrix_says(string method, HostKind host, Persona persona)
    {
        var rule = AccessMatrix.Rules.Single(r => r.Method == method && r.Host == host);
        var call = () => rule.Invoke(fixture.InvokerFor(host, persona), new AccessContext(fixture.EntityA, TestContext.Current.CancellationToken));

        if (rule.Allowed.Contains(persona))
        {
            var refusal = await RefusalOrNullAsync(call);
            Assert.True(refusal is null, $"{persona} should be allowed to call {host} {method} but was refused: {refusal?.StatusCode} {refusal?.Status.Detail}");
        }
        else
        {
            var (code, reason) = AccessMatrix.ExpectedRefusal(persona);
            await Refusal.AssertAsync(code, reason, call);
        }
    }

    [Fact]
    public void Every_rule_names_a_distinct_method_and_host()
    {
        Assert.Equal(AccessMatrix.Rules.Count, AccessMatrix.Rules.Select(r => (r.Method, r.Host)).Distinct().Count());
    }

    // Allowed means past authentication and authorization: a domain error (NOT_FOUND, INVALID_ARGUMENT...) is fine.
    private static async Task<RpcException?> RefusalOrNullAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (RpcException e) when (e.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.ResourceExhausted))
        {
            return null;
        }
        catch (RpcException e)
        {
            return e;
        }
    }
}
