namespace Qweeby.Routing.Data.Admin;

/// <summary>A contact to add. <see cref="WantsAdministrator"/>: null lets the rules decide (administrator if first).</summary>
public sealed record ContactDraft(string LastName, string FirstName, string Email, bool? WantsAdministrator);
