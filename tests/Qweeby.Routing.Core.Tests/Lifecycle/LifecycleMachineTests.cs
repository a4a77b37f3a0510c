using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Core.Tests.Lifecycle;

public sealed class LifecycleMachineTests
{
    private static LifecycleDecision Propose(IReadOnlyList<TimelineEntry> timeline, LifecycleCode code, LifecycleSetter setter, bool idChosen = false) =>
        LifecycleMachine.Decide(timeline, new ProposedStatus(Guid.NewGuid(), code, setter, idChosen));

    [Fact]
    public void Every_reachable_state_answers_every_code_from_every_setter_as_the_table_says()
    {
        var states = Timelines.Reachable();
        var checkedCases = 0;
        foreach (var timeline in states)
            foreach (var setter in LifecycleCodes.Setters)
                foreach (var code in LifecycleCodes.All)
                    foreach (var idChosen in new[] { false, true })
                    {
                        var decision = Propose(timeline, code, setter, idChosen);
                        var expected = Spec.Expected(timeline, code, setter, idChosen);
                        Assert.True(expected == decision.Verdict,
                            $"after [{string.Join(",", timeline.Select(e => (int)e.Code))}] {setter} {(int)code} (id chosen: {idChosen}): expected {expected}, got {decision.Verdict} ({decision.Explanation})");
                        checkedCases++;
                    }

        // Progress (5) × finals × current × buyer's last: far more than a handful, all covered.
        Assert.True(states.Count > 50, $"only {states.Count} states reached");
        Assert.Equal(states.Count * 4 * 19 * 2, checkedCases);
    }

    /// <summary>Taken over, then a buyer toggling between disputed and approved.</summary>
    private static List<TimelineEntry> Toggled(int statuses) =>
        [.. new[] { LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Received, LifecycleCode.MadeAvailable, LifecycleCode.TakenOver }
            .Concat(Enumerable.Range(0, statuses - 5).Select(i => i % 2 == 0 ? LifecycleCode.Disputed : LifecycleCode.Approved))
            .Select(code => new TimelineEntry(Guid.NewGuid(), code))];

    [Fact]
    public void Past_the_most_statuses_an_invoice_carries_only_a_final_status_may_follow()
    {
        var full = Toggled(LifecycleMachine.MaxStatuses);
        var almost = Toggled(LifecycleMachine.MaxStatuses - 1);
        var next = full[^1].Code == LifecycleCode.Disputed ? LifecycleCode.Approved : LifecycleCode.Disputed;

        var refused = Propose(full, next, LifecycleSetter.Buyer);

        Assert.Equal(LifecycleVerdict.Refuse, refused.Verdict);
        Assert.Contains($"{LifecycleMachine.MaxStatuses} statuses", refused.Explanation, StringComparison.Ordinal);
        Assert.Equal(LifecycleVerdict.Record, Propose(full, LifecycleCode.Refused, LifecycleSetter.Buyer).Verdict);
        Assert.Equal([LifecycleCode.Refused], LifecycleMachine.AllowedNext(full, LifecycleSetter.Buyer));
        Assert.Equal(LifecycleVerdict.Record, Propose(almost, almost[^1].Code == LifecycleCode.Disputed ? LifecycleCode.Approved : LifecycleCode.Disputed, LifecycleSetter.Buyer).Verdict);
    }

    [Fact]
    public void A_status_a_partner_recorded_already_has_twice_the_room()
    {
        static LifecycleDecision Received(List<TimelineEntry> timeline) => LifecycleMachine.Decide(timeline,
            new ProposedStatus(Guid.NewGuid(), timeline[^1].Code == LifecycleCode.Disputed ? LifecycleCode.Approved : LifecycleCode.Disputed, LifecycleSetter.Buyer),
            LifecycleMachine.MaxReceivedStatuses);

        Assert.Equal(LifecycleVerdict.Record, Received(Toggled(LifecycleMachine.MaxStatuses)).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Received(Toggled(LifecycleMachine.MaxReceivedStatuses)).Verdict);
    }

    [Fact]
    public void Allowed_next_is_exactly_what_the_machine_would_record()
    {
        foreach (var timeline in Timelines.Reachable())
            foreach (var setter in LifecycleCodes.Setters)
            {
                // Under an id of the proposer's: a further 212 is allowed next, a retry of the last one is not.
                var recordable = LifecycleCodes.All.Where(c => Propose(timeline, c, setter, idChosen: true).Verdict == LifecycleVerdict.Record);
                Assert.Equal(recordable, LifecycleMachine.AllowedNext(timeline, setter));
            }
    }

    [Fact]
    public void An_invoice_goes_from_deposit_to_payment_through_both_platforms_buyer_and_supplier()
    {
        var timeline = Timelines.Of(LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Received, LifecycleCode.MadeAvailable,
            LifecycleCode.TakenOver, LifecycleCode.Approved, LifecycleCode.PaymentSent, LifecycleCode.PaymentReceived);

        Assert.Equal(LifecycleCode.PaymentReceived, LifecycleMachine.Current(timeline));
        // Only a further payment received.
        Assert.Equal([(LifecycleSetter.Supplier, LifecycleCode.PaymentReceived)],
            LifecycleCodes.Setters.SelectMany(s => LifecycleMachine.AllowedNext(timeline, s).Select(c => (s, c))));
    }

    [Fact]
    public void A_payment_received_again_under_an_id_of_its_own_is_a_further_payment_and_nothing_else_follows()
    {
        var paid = Timelines.Of([.. Timelines.Delivered, LifecycleCode.PaymentReceived]);

        Assert.Equal(LifecycleVerdict.Record, Propose(paid, LifecycleCode.PaymentReceived, LifecycleSetter.Supplier, idChosen: true).Verdict);
        // Without an id of the caller's it is a retry of the last one.
        var retried = Propose(paid, LifecycleCode.PaymentReceived, LifecycleSetter.Supplier);
        Assert.Equal(LifecycleVerdict.Repeat, retried.Verdict);
        Assert.Equal(paid[^1], retried.Existing);
        var disputed = Propose(paid, LifecycleCode.Disputed, LifecycleSetter.Buyer, idChosen: true);
        Assert.Equal(LifecycleVerdict.Refuse, disputed.Verdict);
        Assert.Contains("only another 212 Encaissée", disputed.Explanation, StringComparison.Ordinal);
        // Other codes are never repeatable: the same code again is a repeat whoever chose the id.
        var inDispute = Timelines.Of([.. Timelines.Delivered, LifecycleCode.Disputed]);
        Assert.Equal(LifecycleVerdict.Repeat, Propose(inDispute, LifecycleCode.Disputed, LifecycleSetter.Buyer, idChosen: true).Verdict);
    }

    [Fact]
    public void Payments_past_the_most_statuses_an_invoice_carries_are_refused()
    {
        var full = Toggled(LifecycleMachine.MaxStatuses - 1);
        full.Add(new TimelineEntry(Guid.NewGuid(), LifecycleCode.PaymentReceived));

        var refused = Propose(full, LifecycleCode.PaymentReceived, LifecycleSetter.Supplier, idChosen: true);

        Assert.Equal(LifecycleVerdict.Refuse, refused.Verdict);
        Assert.Contains($"{LifecycleMachine.MaxStatuses} statuses", refused.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LifecycleCode.Refused, LifecycleSetter.Buyer)]
    [InlineData(LifecycleCode.Cancelled, LifecycleSetter.Supplier)]
    public void Nothing_follows_a_final_status(LifecycleCode final, LifecycleSetter setter)
    {
        var timeline = Timelines.Of([.. Timelines.Delivered, final]);

        foreach (var s in LifecycleCodes.Setters)
            foreach (var code in LifecycleCodes.All.Where(c => c != final))
            {
                var decision = Propose(timeline, code, s);
                Assert.Equal(LifecycleVerdict.Refuse, decision.Verdict);
                Assert.Equal(final, decision.Current);
                Assert.Empty(decision.AllowedNext);
            }
        Assert.Equal(LifecycleVerdict.Repeat, Propose(timeline, final, setter).Verdict);
    }

    [Fact]
    public void A_rejected_invoice_accepts_nothing_more()
    {
        var timeline = Timelines.Of(LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Rejected);

        var decision = Propose(timeline, LifecycleCode.Cancelled, LifecycleSetter.Supplier);

        Assert.Equal(LifecycleVerdict.Refuse, decision.Verdict);
        Assert.Contains("213 Rejetée", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buyer_status_needs_the_invoice_made_available_and_the_refusal_says_where_it_is_and_what_may_follow()
    {
        var timeline = Timelines.Of(LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.Received);

        var decision = Propose(timeline, LifecycleCode.Approved, LifecycleSetter.Buyer);

        Assert.Equal(LifecycleVerdict.Refuse, decision.Verdict);
        Assert.Equal(LifecycleCode.Received, decision.Current);
        Assert.Empty(decision.AllowedNext);
        Assert.Contains("203 Mise à disposition", decision.Explanation, StringComparison.Ordinal);
        Assert.Equal([LifecycleCode.MadeAvailable, LifecycleCode.Rejected, LifecycleCode.RoutingError],
            LifecycleMachine.AllowedNext(timeline, LifecycleSetter.BuyerPlatform));
    }

    [Fact]
    public void After_approval_the_buyer_may_still_dispute_or_refuse_but_not_take_the_invoice_over_again()
    {
        var timeline = Timelines.Of([.. Timelines.Delivered, LifecycleCode.TakenOver, LifecycleCode.Approved]);

        var refused = Propose(timeline, LifecycleCode.TakenOver, LifecycleSetter.Buyer);

        Assert.Equal(LifecycleVerdict.Refuse, refused.Verdict);
        Assert.Equal(LifecycleCode.Approved, refused.Current);
        Assert.Equal(
            [LifecycleCode.PartiallyApproved, LifecycleCode.Disputed, LifecycleCode.Suspended, LifecycleCode.Refused, LifecycleCode.PaymentSent, LifecycleCode.Endorsed],
            refused.AllowedNext);
    }

    [Fact]
    public void The_supplier_completes_an_invoice_the_buyer_suspended_even_after_another_supplier_status()
    {
        var suspended = Timelines.Of([.. Timelines.Delivered, LifecycleCode.Suspended, LifecycleCode.Factored]);
        var approved = Timelines.Of([.. Timelines.Delivered, LifecycleCode.Approved]);

        Assert.Equal(LifecycleVerdict.Record, Propose(suspended, LifecycleCode.Completed, LifecycleSetter.Supplier).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Propose(suspended, LifecycleCode.Completed, LifecycleSetter.Buyer).Verdict);
        var completedAgain = Propose(Timelines.Of([.. Timelines.Delivered, LifecycleCode.Suspended, LifecycleCode.Completed, LifecycleCode.Factored]),
            LifecycleCode.Completed, LifecycleSetter.Supplier);
        var suspendedAgain = Timelines.Of([.. Timelines.Delivered, LifecycleCode.Suspended, LifecycleCode.Completed, LifecycleCode.Suspended]);
        Assert.Equal(LifecycleVerdict.Refuse, completedAgain.Verdict);
        Assert.Contains("once", completedAgain.Explanation, StringComparison.Ordinal);
        Assert.Equal(LifecycleVerdict.Record, Propose(suspendedAgain, LifecycleCode.Completed, LifecycleSetter.Supplier).Verdict);
        var unsuspended = Propose(approved, LifecycleCode.Completed, LifecycleSetter.Supplier);
        Assert.Equal(LifecycleVerdict.Refuse, unsuspended.Verdict);
        Assert.Contains("answers the buyer's suspension", unsuspended.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_buyer_says_it_sent_the_payment_and_the_supplier_that_it_received_it()
    {
        var approved = Timelines.Of([.. Timelines.Delivered, LifecycleCode.TakenOver, LifecycleCode.Approved]);

        Assert.Equal(LifecycleVerdict.Record, Propose(approved, LifecycleCode.PaymentSent, LifecycleSetter.Buyer).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Propose(approved, LifecycleCode.PaymentSent, LifecycleSetter.Supplier).Verdict);
        Assert.Equal(LifecycleVerdict.Record, Propose(approved, LifecycleCode.PaymentReceived, LifecycleSetter.Supplier).Verdict);
    }

    [Fact]
    public void The_supplier_may_cancel_at_any_time_before_a_final_status_but_pays_only_once_the_buyer_has_the_invoice()
    {
        var deposited = Timelines.Of(LifecycleCode.Deposited);

        Assert.Equal(LifecycleVerdict.Record, Propose(deposited, LifecycleCode.Cancelled, LifecycleSetter.Supplier).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Propose(deposited, LifecycleCode.PaymentReceived, LifecycleSetter.Supplier).Verdict);
        Assert.Equal([LifecycleCode.Cancelled], LifecycleMachine.AllowedNext(deposited, LifecycleSetter.Supplier));
    }

    [Theory]
    [InlineData(LifecycleCode.Deposited, LifecycleSetter.Supplier)]
    [InlineData(LifecycleCode.MadeAvailable, LifecycleSetter.Buyer)]
    [InlineData(LifecycleCode.Rejected, LifecycleSetter.Buyer)]
    [InlineData(LifecycleCode.Approved, LifecycleSetter.Supplier)]
    [InlineData(LifecycleCode.PaymentReceived, LifecycleSetter.Buyer)]
    [InlineData(LifecycleCode.PaymentSent, LifecycleSetter.Supplier)]
    [InlineData(LifecycleCode.Completed, LifecycleSetter.Buyer)]
    [InlineData(LifecycleCode.Received, LifecycleSetter.SupplierPlatform)]
    [InlineData(LifecycleCode.Issued, LifecycleSetter.BuyerPlatform)]
    public void Nobody_sets_a_status_that_is_not_theirs(LifecycleCode code, LifecycleSetter setter)
    {
        var decision = Propose(Timelines.Of(Timelines.Delivered), code, setter);

        Assert.Equal(LifecycleVerdict.Refuse, decision.Verdict);
        Assert.Contains($"{(int)code} {LifecycleCodes.French(code)} is set by", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_sent_again_with_its_id_is_a_repeat_even_after_later_statuses()
    {
        var timeline = Timelines.Of([.. Timelines.Delivered, LifecycleCode.TakenOver, LifecycleCode.Approved]);
        var takenOver = timeline[4];

        var decision = LifecycleMachine.Decide(timeline, new ProposedStatus(takenOver.StatusId, LifecycleCode.TakenOver, LifecycleSetter.Buyer));

        Assert.Equal(LifecycleVerdict.Repeat, decision.Verdict);
        Assert.Equal(takenOver, decision.Existing);
    }

    [Fact]
    public void The_current_status_set_again_under_a_new_id_is_a_repeat_of_the_first()
    {
        var timeline = Timelines.Of([.. Timelines.Delivered, LifecycleCode.Disputed]);

        var decision = Propose(timeline, LifecycleCode.Disputed, LifecycleSetter.Buyer);

        Assert.Equal(LifecycleVerdict.Repeat, decision.Verdict);
        Assert.Equal(timeline[^1], decision.Existing);
    }

    [Fact]
    public void A_status_id_reused_for_another_code_is_a_conflict()
    {
        var timeline = Timelines.Of(Timelines.Delivered);

        var decision = LifecycleMachine.Decide(timeline, new ProposedStatus(timeline[0].StatusId, LifecycleCode.TakenOver, LifecycleSetter.Buyer));

        Assert.Equal(LifecycleVerdict.Conflict, decision.Verdict);
        Assert.Equal(timeline[0], decision.Existing);
    }

    [Fact]
    public void A_buyers_platform_may_start_a_timeline_when_the_sending_platform_sent_none()
    {
        Assert.Equal(LifecycleVerdict.Record, Propose([], LifecycleCode.Received, LifecycleSetter.BuyerPlatform).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Propose([], LifecycleCode.MadeAvailable, LifecycleSetter.BuyerPlatform).Verdict);
    }

    [Fact]
    public void A_routing_error_can_be_mended_by_a_later_delivery_but_not_after_the_buyer_has_the_invoice()
    {
        var misrouted = Timelines.Of(LifecycleCode.Deposited, LifecycleCode.Issued, LifecycleCode.RoutingError);
        var available = Timelines.Of(Timelines.Delivered);

        Assert.Equal(LifecycleVerdict.Record, Propose(misrouted, LifecycleCode.Received, LifecycleSetter.BuyerPlatform).Verdict);
        Assert.Equal(LifecycleVerdict.Refuse, Propose(available, LifecycleCode.RoutingError, LifecycleSetter.SupplierPlatform).Verdict);
    }
}
