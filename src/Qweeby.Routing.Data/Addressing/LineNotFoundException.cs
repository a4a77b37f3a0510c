namespace Qweeby.Routing.Data.Addressing;

/// <summary>No current line answers the request (unknown id, or no line valid at that address and date).</summary>
public sealed class LineNotFoundException(string message) : Exception(message);
