using Google.Protobuf.WellKnownTypes;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Data.Addressing;
using ProtoLine = Qweeby.Routing.Contracts.Admin.V1.DirectoryLine;

namespace Qweeby.Routing.Admin.Lines;

/// <summary>Maps directory lines to the admin contract.</summary>
public static class LineMessages
{
    public static ProtoLine ToProto(this Core.Addressing.DirectoryLine line) => new()
    {
        LineId = line.LineId,
        Version = line.Version,
        Granularity = LineGranularityCodes.Code(line.Granularity),
        Siren = line.Siren,
        Siret = line.Siret ?? "",
        RoutingCode = line.RoutingCode ?? "",
        Suffix = line.Suffix ?? "",
        Address = line.Address,
        PlatformId = line.ProviderId,
        ValidFrom = Timestamp.FromDateTimeOffset(line.ValidFrom),
        ValidTo = line.ValidTo is { } to ? Timestamp.FromDateTimeOffset(to) : null,
    };

    public static LineVersion ToProto(this DirectoryLineVersion version) => new()
    {
        Line = version.Line.ToProto(),
        Change = version.Change,
        ChangedBy = version.ChangedBy,
        ChangedAt = Timestamp.FromDateTimeOffset(version.ChangedAt),
        SupersededAt = version.SupersededAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    public static ImportMirrorReply ToProto(this MirrorImportReport report) => new()
    {
        Created = report.Created,
        Changed = report.Changed,
        Ended = report.Ended,
        Unchanged = report.Unchanged,
        Rejected = { report.Rejected.Select(r => new RejectedRow { Row = r.RowNumber, Field = r.Field, Reason = r.Reason }) },
        RejectedCount = report.RejectedCount,
        UnseenKept = report.UnseenKept,
    };
}
