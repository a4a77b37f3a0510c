using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Exchange;

/// <summary>
/// Exchange requests a generated client can send but the service cannot take (timestamps outside years 1 to 9999,
/// status numbers the protocol does not define, a page token forged past any date): INVALID_ARGUMENT naming the
/// field, never UNKNOWN, and nothing stored.
/// </summary>
public sealed class OutOfRangeExchangeTests(ExchangeFixture fx) : IClassFixture<ExchangeFixture>
{
    private static readonly Timestamp Year10000 = new() { Seconds = 253_402_300_800 };

    [Fact]
    public async Task An_issue_date_out_of_range_is_refused_at_submit_and_at_receive_and_nothing_is_stored()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var submit = Invoices.Submit(pair.Sender, pair.Recipient);
        submit.Envelope.IssueDate = Year10000;
        var forB = Invoices.Submit($"0009:{pair.Sender}", $"0009:{pair.Recipient}");
        forB.Envelope.IssueDate = new Timestamp { Seconds = 0, Nanos = -1 };

        var atSubmit = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => peers.ClientA.SubmitAsync(submit).ResponseAsync);
        var atReceive = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => peers.AsPartnerOfB.ReceiveAsync(
            new ReceiveRequest { Envelope = forB.Envelope, Document = forB.Document, RecipientId = $"0009:{pair.Recipient}" }).ResponseAsync);

        Assert.Contains(atSubmit.Violations(), v => (v.Field, v.Reason) == ("envelope.issue_date", "OUT_OF_RANGE"));
        Assert.Contains(atReceive.Violations(), v => (v.Field, v.Reason) == ("envelope.issue_date", "OUT_OF_RANGE"));
        Assert.Equal(0, await peers.SeedA.CountAsync("SELECT count(*) FROM transmission WHERE message_id = $1", submit.Envelope.MessageId));
        Assert.Equal(0, await peers.SeedB.CountAsync("SELECT count(*) FROM inbox_item WHERE message_id = $1", forB.Envelope.MessageId));
    }

    [Fact]
    public async Task A_listing_filter_out_of_range_or_undefined_is_refused_naming_it()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        var a = peers.ClientA;

        var from = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => a.ListTransmissionsAsync(
            new ListTransmissionsRequest { Sender = pair.Sender, AcceptedFrom = new Timestamp { Nanos = 1_000_000_000 } }).ResponseAsync);
        var to = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => a.ListTransmissionsAsync(
            new ListTransmissionsRequest { Sender = pair.Sender, AcceptedTo = Year10000 }).ResponseAsync);
        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => a.ListTransmissionsAsync(
            new ListTransmissionsRequest { Sender = pair.Sender, Status = (TransmissionStatus)99 }).ResponseAsync);

        Assert.Equal(("accepted_from", "OUT_OF_RANGE"), (Assert.Single(from.Violations()).Field, from.Violations()[0].Reason));
        Assert.Equal(("accepted_to", "OUT_OF_RANGE"), (Assert.Single(to.Violations()).Field, to.Violations()[0].Reason));
        Assert.Equal(("status", "OUT_OF_RANGE"), (Assert.Single(status.Violations()).Field, status.Violations()[0].Reason));
    }

    [Fact]
    public async Task A_page_token_whose_position_is_past_any_date_is_a_format_error()
    {
        var peers = fx.Peers;
        var pair = await peers.PairAsync();
        await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        await peers.ClientA.SubmitAsync(Invoices.Submit(pair.Sender, pair.Recipient));
        var first = await peers.ClientA.ListTransmissionsAsync(new ListTransmissionsRequest { Sender = pair.Sender, PageSize = 1 });
        // "{ticks}~{transmission id}|{fingerprint}": keep the fingerprint (the token stays this query's), move the position.
        var token = Encoding.UTF8.GetString(Convert.FromBase64String(first.NextPageToken));
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("4000000000000000000" + token[token.IndexOf('~', StringComparison.Ordinal)..]));

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => peers.ClientA.ListTransmissionsAsync(
            new ListTransmissionsRequest { Sender = pair.Sender, PageSize = 1, PageToken = forged }).ResponseAsync);

        Assert.Equal(("page_token", "FORMAT"), (Assert.Single(failure.Violations()).Field, failure.Violations()[0].Reason));
    }
}
