using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// What a partner's answer says, made fit to record. Its answer proves a delivery (the document's hash matches, or the
/// status id is its own); a partner that breaks the contract in what it adds (no time, an id Postgres cannot store)
/// must not keep that proof from being recorded: the outcome recorder would fail with every outcome of its group.
/// </summary>
internal static class PartnerReplies
{
    /// <summary>Longer than any id an access point gives (a UUID, a ULID, a message id).</summary>
    public const int MaxIdLength = 200;

    /// <summary>When the partner says it received, or <paramref name="now"/> when it says nothing usable.</summary>
    public static DateTimeOffset ReceivedAt(Timestamp? at, DateTimeOffset now) =>
        at is not null && RequestTimestamps.InRange(at) ? at.ToDateTimeOffset() : now;

    /// <summary>The partner's id for what it received, or "" when it is too long or holds control characters (a NUL cannot be stored).</summary>
    public static string Id(string id) => id.Length <= MaxIdLength && !id.Any(char.IsControl) ? id : "";
}
