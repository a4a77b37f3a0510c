using Grpc.Core;
using Qweeby.Routing.Contracts.V1;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>The public Exchange service: thin, each call handed to the class that owns it.</summary>
public sealed class ExchangeService(
    InvoiceSubmission submission,
    InvoiceReception reception,
    TransmissionQueries queries,
    TransmissionWatch watch,
    InboxAccess inbox) : Contracts.V1.Exchange.ExchangeBase
{
    public override Task<SubmitReply> Submit(SubmitRequest request, ServerCallContext context) =>
        submission.SubmitAsync(request, context);

    public override Task<ReceiveReceipt> Receive(ReceiveRequest request, ServerCallContext context) =>
        reception.ReceiveAsync(request, context);

    public override Task<Transmission> GetTransmission(GetTransmissionRequest request, ServerCallContext context) =>
        queries.GetAsync(request, context);

    public override Task<ListTransmissionsReply> ListTransmissions(ListTransmissionsRequest request, ServerCallContext context) =>
        queries.ListAsync(request, context);

    public override Task WatchTransmissions(WatchTransmissionsRequest request, IServerStreamWriter<TransmissionEvent> responseStream, ServerCallContext context) =>
        watch.WatchAsync(request, responseStream, context);

    public override Task<FetchInboxReply> FetchInbox(FetchInboxRequest request, ServerCallContext context) =>
        inbox.FetchAsync(request, context);

    public override Task<AcknowledgeInboxReply> AcknowledgeInbox(AcknowledgeInboxRequest request, ServerCallContext context) =>
        inbox.AcknowledgeAsync(request, context);
}
