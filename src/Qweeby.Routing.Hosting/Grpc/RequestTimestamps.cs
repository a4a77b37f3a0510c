using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// Protobuf <see cref="Timestamp"/>s from the wire, checked before conversion: <see cref="Timestamp.ToDateTimeOffset"/> throws
/// outside years 1 to 9999 or with nanos outside a second, which would answer a caller's typo with UNKNOWN.
/// </summary>
public static class RequestTimestamps
{
    private const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    public static bool InRange(Timestamp t) => t.Seconds is >= MinSeconds and <= MaxSeconds && t.Nanos is >= 0 and <= 999_999_999;

    public static BadRequest.Types.FieldViolation OutOfRange(string field) => RpcErrors.Violation(field, "OUT_OF_RANGE",
        "A timestamp between years 1 and 9999 with nanos from 0 to 999,999,999.");

    /// <summary>The moment, or null when <paramref name="t"/> is absent or out of range (then a violation is added).</summary>
    public static DateTimeOffset? Read(string field, Timestamp? t, ICollection<BadRequest.Types.FieldViolation> violations)
    {
        if (t is null)
            return null;
        if (InRange(t))
            return t.ToDateTimeOffset();
        violations.Add(OutOfRange(field));
        return null;
    }

    /// <summary>The moment, or null when absent; INVALID_ARGUMENT naming <paramref name="field"/> when out of range.</summary>
    public static DateTimeOffset? ReadOrThrow(string field, Timestamp? t) =>
        t is null ? null
        : InRange(t) ? t.ToDateTimeOffset()
        : throw RpcErrors.Invalid([OutOfRange(field)]).ToException();
}
