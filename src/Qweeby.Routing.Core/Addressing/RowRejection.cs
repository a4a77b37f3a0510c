namespace Qweeby.Routing.Core.Addressing;

/// <summary>A row of an imported file that was not applied: where, which field, why.</summary>
public sealed record RowRejection(int RowNumber, string Field, string Reason);
