namespace Qweeby.Routing.Data.Admin;

/// <summary>A contact of an entity; <see cref="IsAdministrator"/> receives every notification.</summary>
public sealed record ContactRecord(Guid ContactId, string LastName, string FirstName, string Email, bool IsAdministrator, bool Active, bool MultiAccount);
