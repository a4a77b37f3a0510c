namespace Qweeby.Routing.Data.Admin;

/// <summary>The file cannot be imported at all (no header, a required column missing): nothing was written.</summary>
public sealed class ImportFormatException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
