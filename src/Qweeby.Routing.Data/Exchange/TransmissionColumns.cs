using Npgsql;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>The column list every read of a <see cref="TransmissionRecord"/> selects, and its reader.</summary>
internal static class TransmissionColumns
{
    public const string List = """
        transmission_id, sender_entity_id, recipient_reference, recipient_entity_id,
        sender, recipient_id, document_type, process, message_id, invoice_number, issue_date, content_sha256,
        provider_id, provider_name, provider_endpoint, channel, chosen_because,
        status, status_detail, accepted_at, updated_at, receipt_id, receipt_received_at, receipt_sha256
        """;

    public static TransmissionRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetGuid(1),
        r.GetString(2),
        r.GetGuid(3),
        new InvoiceEnvelope(r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9),
            r.GetFieldValue<DateOnly>(10), r.GetString(11)),
        new StoredRoute(r.GetString(12), r.GetString(13), r.GetString(14), DirectoryCodes.Channel(r.GetString(15)), r.GetString(16)),
        ExchangeCodes.State(r.GetString(17)),
        r.GetString(18),
        r.GetFieldValue<DateTimeOffset>(19),
        r.GetFieldValue<DateTimeOffset>(20),
        r.IsDBNull(21) ? null : new Receipt(r.GetString(21), r.GetFieldValue<DateTimeOffset>(22), r.GetString(23)));
}
