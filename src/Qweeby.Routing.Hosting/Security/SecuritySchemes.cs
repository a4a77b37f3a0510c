namespace Qweeby.Routing.Hosting.Security;

/// <summary>Authentication scheme names.</summary>
public static class SecuritySchemes
{
    /// <summary>The default: picks <see cref="ApiKey"/> when an <c>authorization</c> header is sent, else <see cref="ClientCertificate"/> when the connection has one.</summary>
    public const string Default = "Qweeby";

    /// <summary><c>authorization: Bearer qk_…</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>A TLS client certificate registered to a service provider.</summary>
    public const string ClientCertificate = "ClientCertificate";
}
