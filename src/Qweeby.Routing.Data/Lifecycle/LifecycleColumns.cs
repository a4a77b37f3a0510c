using Npgsql;
using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Data.Lifecycle;

/// <summary>The column list every read of a <see cref="RecordedStatus"/> selects (table alias <c>s</c>), and its reader.</summary>
internal static class LifecycleColumns
{
    public const int Count = 15;

    public const string List = """
        s.status_id, s.code, s.at, s.set_by, s.set_by_caller, s.platform_id, s.reason_code, s.reason, s.amount, s.currency,
        s.recorded_at, s.delivery_state, s.delivery_to, s.delivery_attempts, s.delivery_detail
        """;

    /// <summary>The same columns, null: for rows of a union that are not statuses.</summary>
    public const string Nulls = """
        NULL::uuid, NULL::smallint, NULL::timestamptz, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::numeric, NULL::text,
        NULL::timestamptz, NULL::text, NULL::text, NULL::integer, NULL::text
        """;

    public static StatusFacts Facts(NpgsqlDataReader r, int at) => new(
        r.GetGuid(at),
        (LifecycleCode)r.GetInt16(at + 1),
        r.GetFieldValue<DateTimeOffset>(at + 2),
        LifecycleDbCodes.Party(r.GetString(at + 3)),
        r.GetString(at + 4),
        r.GetString(at + 5),
        r.GetString(at + 6),
        r.GetString(at + 7),
        r.IsDBNull(at + 8) ? null : r.GetDecimal(at + 8),
        r.IsDBNull(at + 9) ? null : r.GetString(at + 9));

    public static RecordedStatus Read(NpgsqlDataReader r, int at) => new(
        Facts(r, at),
        r.GetFieldValue<DateTimeOffset>(at + 10),
        r.IsDBNull(at + 11) ? null : new StatusDelivery(LifecycleDbCodes.Delivery(r.GetString(at + 11)), r.GetString(at + 12), r.GetInt32(at + 13), r.GetString(at + 14)));
}
