namespace Qweeby.Routing.Data.Addressing;

/// <summary>A line change that contradicts the line as it is (an end outside its validity, a switch to the same platform).</summary>
public sealed class LineChangeRefusedException(string field, string message) : Exception(message)
{
    /// <summary>The request field at fault, for the caller's field violation.</summary>
    public string Field { get; } = field;
}
