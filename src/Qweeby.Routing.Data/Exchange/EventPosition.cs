using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// A place in a sender's event stream: the writing transaction, then the event id within it. The
/// public cursor is its text form, "tx.event_id"; callers treat it as opaque.
/// </summary>
public readonly record struct EventPosition(ulong Tx, long EventId) : IComparable<EventPosition>
{
    public int CompareTo(EventPosition other) =>
        Tx != other.Tx ? Tx.CompareTo(other.Tx) : EventId.CompareTo(other.EventId);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Tx}.{EventId}");

    public static bool TryParse([NotNullWhen(true)] string? text, out EventPosition position)
    {
        position = default;
        var dot = text?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0
            || !ulong.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return false;
        position = new EventPosition(tx, id);
        return true;
    }
}
