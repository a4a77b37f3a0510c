namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>Who calls, in the access matrix: one credential (or none) each.</summary>
public enum Persona
{
    /// <summary>No key, no certificate.</summary>
    Anonymous,

    /// <summary>A well-formed key that does not exist.</summary>
    UnknownKey,

    /// <summary>A key with every role but revoked.</summary>
    RevokedKey,

    /// <summary>Resolve, for entity A.</summary>
    ResolveOnly,

    /// <summary>Submit, for entity A.</summary>
    SubmitOnly,

    /// <summary>Account administrator of entity A.</summary>
    AccountAdministrator,

    Operator,

    PlatformAdministrator,

    /// <summary>The client certificate of an active, registered service provider.</summary>
    Partner,

    /// <summary>A client certificate registered to a suspended provider.</summary>
    SuspendedPartner,

    /// <summary>A client certificate registered to no provider.</summary>
    UnknownCertificate,
}
