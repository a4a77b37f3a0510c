namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>Which of the two hosts an access rule calls.</summary>
public enum HostKind
{
    Routing,
    Admin,
}
