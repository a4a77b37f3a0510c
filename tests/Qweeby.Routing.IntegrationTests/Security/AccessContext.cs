namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>What a call may need from the matrix fixture: the entity scoped personas act for.</summary>
public sealed record AccessContext(Guid EntityA, CancellationToken Ct);
