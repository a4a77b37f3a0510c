using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Hosting.Security;
using Qweeby.Routing.Server.Lifecycle;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>
/// The public Exchange service: thin, each call handed to the class that owns it. Submit and the inbox
/// need the Submit role, Receive a partner's certificate; reading transmissions needs Submit (for the
/// sender) or Operator, checked once the sender is known (<see cref="ExchangeAccess"/>). Lifecycle
/// statuses: SetStatus and WatchInbox need Submit (for the invoice's sender or recipient), GetTimeline
/// Submit or Operator, ReceiveStatus a partner's certificate.
/// </summary>
public sealed class ExchangeService(
    InvoiceSubmission submission,
    InvoiceReception reception,
    TransmissionQueries queries,
    TransmissionWatch watch,
    InboxAccess inbox,
    StatusSetting statuses,
    TimelineQueries timelines,
    InboxWatch inboxWatch,
    StatusReception statusReception) : Contracts.V1.Exchange.ExchangeBase
{
    [Authorize(Policy = Policies.Submit)]
    public override Task<SubmitReply> Submit(SubmitRequest request, ServerCallContext context) =>
        submission.SubmitAsync(request, context);

    [Authorize(Policy = Policies.Partner)]
    public override Task<ReceiveReceipt> Receive(ReceiveRequest request, ServerCallContext context) =>
        reception.ReceiveAsync(request, context);

    public override Task<Transmission> GetTransmission(GetTransmissionRequest request, ServerCallContext context) =>
        queries.GetAsync(request, context);

    public override Task<ListTransmissionsReply> ListTransmissions(ListTransmissionsRequest request, ServerCallContext context) =>
        queries.ListAsync(request, context);

    public override Task WatchTransmissions(WatchTransmissionsRequest request, IServerStreamWriter<TransmissionEvent> responseStream, ServerCallContext context) =>
        watch.WatchAsync(request, responseStream, context);

    [Authorize(Policy = Policies.Submit)]
    public override Task<FetchInboxReply> FetchInbox(FetchInboxRequest request, ServerCallContext context) =>
        inbox.FetchAsync(request, context);

    [Authorize(Policy = Policies.Submit)]
    public override Task<AcknowledgeInboxReply> AcknowledgeInbox(AcknowledgeInboxRequest request, ServerCallContext context) =>
        inbox.AcknowledgeAsync(request, context);

    [Authorize(Policy = Policies.Submit)]
    public override Task<SetStatusReply> SetStatus(SetStatusRequest request, ServerCallContext context) =>
        statuses.SetAsync(request, context);

    public override Task<Timeline> GetTimeline(GetTimelineRequest request, ServerCallContext context) =>
        timelines.GetAsync(request, context);

    [Authorize(Policy = Policies.Submit)]
    public override Task WatchInbox(WatchInboxRequest request, IServerStreamWriter<InboxEvent> responseStream, ServerCallContext context) =>
        inboxWatch.WatchAsync(request, responseStream, context);

    [Authorize(Policy = Policies.Partner)]
    public override Task<ReceiveStatusReply> ReceiveStatus(ReceiveStatusRequest request, ServerCallContext context) =>
        statusReception.ReceiveAsync(request, context);
}
