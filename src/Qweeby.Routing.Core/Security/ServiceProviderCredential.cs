namespace Qweeby.Routing.Core.Security;

/// <summary>The service provider a client certificate is registered to, as stored.</summary>
public sealed record ServiceProviderCredential(string ProviderId, string Name, bool IsSuspended)
{
    public static string CallerIdOf(string providerId) => $"provider:{providerId}";

    /// <summary>A registered, active provider's certificate authenticates it as a <see cref="Role.Partner"/>.</summary>
    public AuthenticationOutcome Authenticate() => IsSuspended
        ? AuthenticationOutcome.Failure(SecurityReasons.ProviderSuspended, CallerIdOf(ProviderId))
        : AuthenticationOutcome.Success(new Caller(CallerIdOf(ProviderId), Name, CallerKind.ClientCertificate,
            [Role.Partner], EntityScope.None, ProviderId));
}
