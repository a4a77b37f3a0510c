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
    /// <param name="results">Each with the token of the claim that took its row.</param>
    public static void Add(NpgsqlBatch batch, IReadOnlyList<(Guid Token, StatusResult Result)> results)
    {
        var finals = results.Where(r => r.Result.Outcome != AttemptOutcome.Retry).ToList();
        if (finals.Count > 0)
            batch.BatchCommands.Add(BatchCommands.Of("""
                WITH f AS (
                    SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::int[]) AS f(outbox_id, token, state, detail, attempts)),
                done AS (
                    DELETE FROM outbox o USING f
                    WHERE o.outbox_id = f.outbox_id AND o.claim_token = f.token
                    RETURNING o.outbox_id, o.claim_token AS token, o.status_row_id)
                UPDATE lifecycle_status s SET delivery_state = f.state, delivery_detail = f.detail, delivery_attempts = f.attempts
                FROM done JOIN f USING (outbox_id, token)
                WHERE s.row_id = done.status_row_id
                """,
                finals.Select(f => f.Result.OutboxId).ToArray(),
                finals.Select(f => f.Token).ToArray(),
                finals.Select(f => LifecycleDbCodes.Code(State(f.Result.Outcome))).ToArray(),
                finals.Select(f => f.Result.Detail).ToArray(),
                finals.Select(f => f.Result.Attempt).ToArray()));
        var retries = results.Where(r => r.Result.Outcome == AttemptOutcome.Retry).ToList();
        if (retries.Count > 0)
            batch.BatchCommands.Add(BatchCommands.Of("""
                WITH moved AS (
                    UPDATE outbox o SET due_at = u.due_at
                    FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::int[]) AS u(outbox_id, token, due_at, detail, attempts)
                    WHERE o.outbox_id = u.outbox_id AND o.claim_token = u.token
                    RETURNING o.status_row_id, u.detail, u.attempts)
                UPDATE lifecycle_status s SET delivery_detail = moved.detail, delivery_attempts = moved.attempts
                FROM moved WHERE s.row_id = moved.status_row_id
                """,
                retries.Select(r => r.Result.OutboxId).ToArray(),
                retries.Select(r => r.Token).ToArray(),
                retries.Select(r => r.Result.RetryAt!.Value).ToArray(),
                retries.Select(r => r.Result.Detail).ToArray(),
                retries.Select(r => r.Result.Attempt).ToArray()));
    }

    private static StatusDeliveryState State(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered => StatusDeliveryState.Delivered,
        AttemptOutcome.Failed => StatusDeliveryState.Failed,
        _ => StatusDeliveryState.DeadLettered,
    };
}
