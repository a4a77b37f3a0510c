namespace Qweeby.Routing.Data.Admin;

/// <summary>Why one row of an import was left out: its line in the file, the column, a stable reason, what to do.</summary>
public sealed record ImportRowRejection(int Row, string Field, string Reason, string Description, Guid? HolderEntityId = null);
