using Npgsql;
using Qweeby.Routing.Data.Lifecycle;
using Qweeby.Routing.Data.Postgres;

namespace Qweeby.Routing.Data.Exchange;

/// <summary>
/// The status half of a batch of outcomes: a final outcome removes the outbox row and sets the status's
/// delivery state; a retry moves the row's due time and records the attempt and its error. Only rows the
/// claim still holds move.
/// </summary>
internal static class StatusOutcomes
{
    public static void Add(NpgsqlBatch batch, IReadOnlyList<StatusResult> results, Guid token)
    {
        var finals = results.Where(r => r.Outcome != AttemptOutcome.Retry).ToList();
        if (finals.Count > 0)
            batch.BatchCommands.Add(BatchCommands.Of("""
                WITH f AS (
                    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[]) AS f(outbox_id, state, detail, attempts)),
                done AS (
                    DELETE FROM outbox o USING f
                    WHERE o.outbox_id = f.outbox_id AND o.claim_token = $5
                    RETURNING o.outbox_id, o.status_row_id)
                UPDATE lifecycle_status s SET delivery_state = f.state, delivery_detail = f.detail, delivery_attempts = f.attempts
                FROM done JOIN f USING (outbox_id)
                WHERE s.row_id = done.status_row_id
                """,
                finals.Select(r => r.OutboxId).ToArray(),
                finals.Select(r => LifecycleDbCodes.Code(State(r.Outcome))).ToArray(),
                finals.Select(r => r.Detail).ToArray(),
                finals.Select(r => r.Attempt).ToArray(),
                token));
        var retries = results.Where(r => r.Outcome == AttemptOutcome.Retry).ToList();
        if (retries.Count > 0)
            batch.BatchCommands.Add(BatchCommands.Of("""
                WITH moved AS (
                    UPDATE outbox o SET due_at = u.due_at
                    FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::int[]) AS u(outbox_id, due_at, detail, attempts)
                    WHERE o.outbox_id = u.outbox_id AND o.claim_token = $5
                    RETURNING o.status_row_id, u.detail, u.attempts)
                UPDATE lifecycle_status s SET delivery_detail = moved.detail, delivery_attempts = moved.attempts
                FROM moved WHERE s.row_id = moved.status_row_id
                """,
                retries.Select(r => r.OutboxId).ToArray(),
                retries.Select(r => r.RetryAt!.Value).ToArray(),
                retries.Select(r => r.Detail).ToArray(),
                retries.Select(r => r.Attempt).ToArray(),
                token));
    }

    private static StatusDeliveryState State(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered => StatusDeliveryState.Delivered,
        AttemptOutcome.Failed => StatusDeliveryState.Failed,
        _ => StatusDeliveryState.DeadLettered,
    };
}
