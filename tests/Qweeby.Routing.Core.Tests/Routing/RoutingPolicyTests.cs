using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Routing;

namespace Qweeby.Routing.Core.Tests.Routing;

public sealed class RoutingPolicyTests
{
    private static readonly CustomerEntryFacts ActiveEntry = new(Guid.NewGuid(), true, null);
    private static readonly CustomerEntryFacts InactiveEntry = new(Guid.NewGuid(), false, null);

    [Fact]
    public void An_active_recipient_with_a_default_provider_routes_there_and_every_rule_passes()
    {
        var decision = new Facts().Decide();

        Assert.Null(decision.Rejection);
        Assert.Equal("ap-nord", decision.Route!.Provider.ProviderId);
        Assert.Equal("recipient_default", decision.Route.ChosenBecause);
        Assert.All(decision.Rules.Where(r => r.Rule != RuleNames.DirectoryLine), r => Assert.Equal(RuleVerdict.Passed, r.Verdict));
        Assert.Equal(RuleVerdict.Skipped, decision.Rules.Single(r => r.Rule == RuleNames.DirectoryLine).Verdict);
    }

    [Fact]
    public void Every_rule_is_reported_in_order_even_after_a_failure()
    {
        var decision = new Facts { RecipientFound = false }.Decide();

        Assert.Equal(
            [RuleNames.SenderKnown, RuleNames.SenderActive, RuleNames.RecipientFound, RuleNames.RecipientActive, RuleNames.CustomerDirectory,
             RuleNames.AcceptsEInvoicing, RuleNames.Consent, RuleNames.SupplierDirectory, RuleNames.RoutingActivation, RuleNames.DirectoryLine, RuleNames.ProviderSelected],
            decision.Rules.Select(r => r.Rule));
        Assert.Equal(RuleVerdict.Failed, decision.Rules.Single(r => r.Rule == RuleNames.RecipientFound).Verdict);
        Assert.All(decision.Rules.Skip(3), r => Assert.Equal(RuleVerdict.Skipped, r.Verdict));
    }

    [Fact]
    public void Without_a_sender_sender_rules_are_skipped_and_the_public_directory_answers()
    {
        var decision = new Facts { SenderGiven = false, Sender = null }.Decide();

        Assert.NotNull(decision.Route);
        foreach (var rule in new[] { RuleNames.SenderKnown, RuleNames.SenderActive, RuleNames.CustomerDirectory, RuleNames.Consent })
            Assert.Equal(RuleVerdict.Skipped, decision.Rules.Single(r => r.Rule == rule).Verdict);
    }

    [Fact]
    public void An_unknown_sender_is_not_found()
    {
        var decision = new Facts { Sender = null }.Decide();

        Assert.Equal((RejectionKind.NotFound, RejectionReasons.SenderNotFound), (decision.Rejection!.Kind, decision.Rejection.Reason));
        Assert.Null(decision.Route);
    }

    [Fact]
    public void A_deactivated_sender_cannot_send()
    {
        var decision = new Facts { Sender = Facts.Entity("Old", "0009:55203253400646") with { IsActive = false } }.Decide();

        Assert.Equal(RejectionReasons.SenderDeactivated, decision.Rejection!.Reason);
    }

    [Theory]
    [InlineData(RecipientReferenceKind.Identifier, RejectionReasons.RecipientNotFound)]
    [InlineData(RecipientReferenceKind.CustomerNumber, RejectionReasons.CustomerNumberNotFound)]
    public void A_reference_that_matches_nothing_is_not_found_with_its_own_reason(RecipientReferenceKind kind, string reason)
    {
        var decision = new Facts { RecipientFound = false, Kind = kind }.Decide();

        Assert.Equal((RejectionKind.NotFound, reason), (decision.Rejection!.Kind, decision.Rejection.Reason));
    }

    [Fact]
    public void A_deactivated_recipient_is_reported_as_non_existent()
    {
        var facts = new Facts();
        var decision = (facts with { Recipient = facts.Recipient with { IsActive = false } }).Decide();

        Assert.Equal((RejectionKind.NotFound, RejectionReasons.RecipientNonExistent), (decision.Rejection!.Kind, decision.Rejection.Reason));
        Assert.Contains("no longer exists", decision.Rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_customer_directory_refuses_a_recipient_not_in_it_and_says_what_to_do()
    {
        var decision = new Facts { Sender = ClosedSender() }.Decide();

        Assert.Equal((RejectionKind.FailedPrecondition, RejectionReasons.NotInCustomerDirectory), (decision.Rejection!.Kind, decision.Rejection.Reason));
        Assert.Contains("Add it to your customer directory", decision.Rejection.Message, StringComparison.Ordinal);
        Assert.Equal("CLOSED", decision.Rejection.Metadata["customer_directory"]);
    }

    [Fact]
    public void A_closed_customer_directory_routes_a_recipient_in_it()
    {
        var decision = new Facts { Sender = ClosedSender(), Relation = new RelationFacts(ActiveEntry, null, null) }.Decide();

        Assert.Null(decision.Rejection);
    }

    [Fact]
    public void An_open_customer_directory_falls_back_to_the_public_directory()
    {
        var decision = new Facts().Decide();

        Assert.Contains("OPEN", decision.Rules.Single(r => r.Rule == RuleNames.CustomerDirectory).Fact, StringComparison.Ordinal);
        Assert.NotNull(decision.Route);
    }

    [Fact]
    public void A_deactivated_entry_is_ignored_by_an_open_directory_but_refused_by_a_closed_one()
    {
        var relation = new RelationFacts(InactiveEntry, null, null);

        Assert.Null(new Facts { Relation = relation }.Decide().Rejection);
        Assert.Equal(RejectionReasons.CustomerEntryInactive, new Facts { Relation = relation, Sender = ClosedSender() }.Decide().Rejection!.Reason);
    }

    [Fact]
    public void A_customer_number_of_a_deactivated_entry_is_refused_even_with_an_open_directory()
    {
        var decision = new Facts { Kind = RecipientReferenceKind.CustomerNumber, Relation = new RelationFacts(InactiveEntry, null, null) }.Decide();

        Assert.Equal(RejectionReasons.CustomerEntryInactive, decision.Rejection!.Reason);
    }

    [Fact]
    public void A_recipient_without_an_administrator_contact_refuses_e_invoices()
    {
        var facts = new Facts();
        var decision = (facts with { Recipient = facts.Recipient with { HasAdministratorContact = false } }).Decide();

        Assert.Equal(RejectionReasons.RecipientRefusesEInvoicing, decision.Rejection!.Reason);
    }

    [Theory]
    [InlineData(ConsentState.Pending, RejectionReasons.ConsentPending)]
    [InlineData(ConsentState.Refused, RejectionReasons.ConsentRefused)]
    public void Consent_not_accepted_is_refused_with_its_state(ConsentState state, string reason)
    {
        var decision = new Facts { Relation = new RelationFacts(ActiveEntry, state, null) }.Decide();

        Assert.Equal((RejectionKind.FailedPrecondition, reason), (decision.Rejection!.Kind, decision.Rejection.Reason));
        Assert.Equal(state.ToString().ToUpperInvariant(), decision.Rejection.Metadata["consent"]);
    }

    [Fact]
    public void Accepted_consent_lets_the_invoice_through()
    {
        Assert.Null(new Facts { Relation = new RelationFacts(ActiveEntry, ConsentState.Accepted, null) }.Decide().Rejection);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(ApprovalState.Pending, false)]
    [InlineData(ApprovalState.Revoked, false)]
    [InlineData(ApprovalState.Approved, true)]
    public void A_closed_supplier_directory_accepts_only_approved_suppliers(ApprovalState? approval, bool routes)
    {
        var facts = new Facts { Relation = new RelationFacts(null, null, approval) };
        var decision = (facts with { Recipient = facts.Recipient with { SupplierDirectory = DirectoryMode.Closed } }).Decide();

        Assert.Equal(routes, decision.Rejection is null);
        if (!routes)
            Assert.Equal(RejectionReasons.SupplierNotApproved, decision.Rejection!.Reason);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(ActivationState.Requested, false)]
    [InlineData(ActivationState.Accepted, false)]
    [InlineData(ActivationState.Active, true)]
    public void A_pair_with_a_routing_activation_routes_only_once_it_is_active(ActivationState? activation, bool routes)
    {
        var decision = new Facts { Relation = RelationFacts.None with { Activation = activation } }.Decide();

        Assert.Equal(routes, decision.Rejection is null);
        if (!routes)
            Assert.Equal((RejectionReasons.RoutingActivationPending, activation.ToString()!.ToUpperInvariant()),
                (decision.Rejection!.Reason, decision.Rejection.Metadata["activation"]));
    }

    [Fact]
    public void The_senders_pinned_provider_wins_over_the_recipients_default()
    {
        var facts = new Facts { Relation = new RelationFacts(ActiveEntry with { PinnedProviderId = "ap-sud" }, null, null) };
        var decision = (facts with { Recipient = TwoProviders(facts) }).Decide();

        Assert.Equal(("ap-sud", "pinned_by_sender"), (decision.Route!.Provider.ProviderId, decision.Route.ChosenBecause));
    }

    [Fact]
    public void A_pinned_provider_that_does_not_accept_the_document_type_is_skipped_for_the_default()
    {
        var facts = new Facts { DocumentType = "invoice-ubl", Relation = new RelationFacts(ActiveEntry with { PinnedProviderId = "ap-sud" }, null, null) };
        var recipient = facts.Recipient with { Registrations = [new("ap-nord", [], true), new("ap-sud", ["credit-note"], false)] };
        var decision = (facts with { Recipient = recipient }).Decide();

        Assert.Equal(("ap-nord", "recipient_default"), (decision.Route!.Provider.ProviderId, decision.Route.ChosenBecause));
        Assert.Contains("pinned provider ap-sud is not eligible", decision.Rules.Single(r => r.Rule == RuleNames.ProviderSelected).Fact, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suspended_default_provider_is_skipped_for_another_registration()
    {
        var facts = new Facts { Providers = [Facts.Nord with { IsActive = false }, Facts.Sud] };
        var decision = (facts with { Recipient = TwoProviders(facts) }).Decide();

        Assert.Equal(("ap-sud", "only_provider"), (decision.Route!.Provider.ProviderId, decision.Route.ChosenBecause));
    }

    [Fact]
    public void No_provider_accepting_the_document_type_is_its_own_refusal()
    {
        var facts = new Facts { DocumentType = "order" };
        var decision = (facts with { Recipient = facts.Recipient with { Registrations = [new("ap-nord", ["invoice"], true)] } }).Decide();

        Assert.Equal(RejectionReasons.DocumentTypeNotAccepted, decision.Rejection!.Reason);
    }

    [Fact]
    public void A_recipient_registered_nowhere_has_no_service_provider()
    {
        var facts = new Facts();
        var decision = (facts with { Recipient = facts.Recipient with { Registrations = [] } }).Decide();

        Assert.Equal(RejectionReasons.NoServiceProvider, decision.Rejection!.Reason);
    }

    [Fact]
    public void The_first_failing_rule_decides_when_several_fail()
    {
        var facts = new Facts { Sender = ClosedSender(), Relation = new RelationFacts(null, ConsentState.Refused, null) };
        var decision = (facts with { Recipient = facts.Recipient with { HasAdministratorContact = false } }).Decide();

        Assert.Equal(RejectionReasons.NotInCustomerDirectory, decision.Rejection!.Reason);
        Assert.Equal(3, decision.Rules.Count(r => r.Verdict == RuleVerdict.Failed));
    }

    private static EntityFacts ClosedSender() =>
        Facts.Entity("Qweeby Demo Fournitures", "0009:55203253400646") with { CustomerDirectory = DirectoryMode.Closed };

    private static EntityFacts TwoProviders(Facts facts) =>
        facts.Recipient with { Registrations = [new("ap-nord", [], true), new("ap-sud", [], false)] };
}
