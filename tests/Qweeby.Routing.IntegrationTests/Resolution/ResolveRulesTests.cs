using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>The directory rules through Resolve, with real data in Postgres.</summary>
public sealed class ResolveRulesTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    private static ResolveRequest From(string sender, string identifier, string documentType = "") =>
        new() { Sender = sender, Recipient = new RecipientReference { Identifier = identifier }, DocumentType = documentType };

    private static ResolveRequest ByNumber(string sender, string number) =>
        new() { Sender = sender, Recipient = new RecipientReference { CustomerNumber = number } };

    [Fact]
    public async Task A_customer_number_resolves_within_its_senders_directory_only()
    {
        var r = await fx.RecipientAsync("Numbered Customer");
        var sender = await fx.SenderAsync();
        var other = await fx.SenderAsync("Other Supplier");
        await fx.Seed.CustomerEntryAsync(sender.Id, r.Id, numbers: ["CLI-0042"]);

        var reply = await fx.Client.ResolveAsync(ByNumber(sender.Siret, " cli-0042 "));
        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound, () => fx.Client.ResolveAsync(ByNumber(other.Siret, "CLI-0042")).ResponseAsync);

        Assert.Equal(r.Id.ToString(), reply.Recipient.EntityId);
        Assert.Equal("customer-number:CLI-0042", reply.MatchedBy);
        Assert.Equal("CUSTOMER_NUMBER_NOT_FOUND", failure.Reason());
    }

    [Fact]
    public async Task A_customer_number_without_a_sender_is_invalid()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => fx.Client.ResolveAsync(new ResolveRequest { Recipient = new RecipientReference { CustomerNumber = "CLI-1" } }).ResponseAsync);

        Assert.Equal("sender", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task A_closed_customer_directory_sends_only_to_its_entries()
    {
        var inDirectory = await fx.RecipientAsync("In Directory");
        var outside = await fx.RecipientAsync("Outside");
        var sender = await fx.SenderAsync();
        await fx.Seed.SetModesAsync(sender.Id, customerDirectory: "closed");
        await fx.Seed.CustomerEntryAsync(sender.Id, inDirectory.Id);

        await fx.Client.ResolveAsync(From(sender.Siret, inDirectory.Siret));
        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(From(sender.Siret, outside.Siret)).ResponseAsync);

        Assert.Equal("NOT_IN_CUSTOMER_DIRECTORY", failure.Reason());
        Assert.Contains("customer directory is closed", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_customer_directory_falls_back_to_the_public_directory()
    {
        var outside = await fx.RecipientAsync("Public Only");
        var sender = await fx.SenderAsync();

        var reply = await fx.Client.ResolveAsync(From(sender.Siret, outside.Siret));

        Assert.Contains(reply.RulePath, r => r.Rule == "customer_directory.entry" && r.Fact.Contains("OPEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deactivated_recipient_is_non_existent_even_for_a_sender_that_lists_it()
    {
        var r = await fx.RecipientAsync("Gone SARL");
        var sender = await fx.SenderAsync();
        await fx.Seed.CustomerEntryAsync(sender.Id, r.Id, numbers: ["GONE-1"]);
        await fx.Seed.DeactivateAsync(r.Id);

        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound, () => fx.Client.ResolveAsync(ByNumber(sender.Siret, "GONE-1")).ResponseAsync);

        Assert.Equal("RECIPIENT_NON_EXISTENT", failure.Reason());
    }

    [Fact]
    public async Task A_known_recipient_without_a_contact_refuses_e_invoices_with_its_own_reason()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await fx.Seed.EntityAsync("No Contact SA", [siret], withAdministrator: false);
        await fx.Seed.RegisterAsync(id, await fx.Seed.ProviderAsync());

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(From("", siret)).ResponseAsync);

        Assert.Equal("RECIPIENT_REFUSES_EINVOICING", failure.Reason());
    }

    [Theory]
    [InlineData("pending", "CONSENT_PENDING")]
    [InlineData("refused", "CONSENT_REFUSED")]
    public async Task Consent_not_accepted_refuses_the_pair_with_its_state(string state, string reason)
    {
        var r = await fx.RecipientAsync();
        var sender = await fx.SenderAsync();
        await fx.Seed.ConsentAsync(sender.Id, r.Id, state);

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(From(sender.Siret, r.Siret)).ResponseAsync);

        Assert.Equal(reason, failure.Reason());
        Assert.Equal(state.ToUpperInvariant(), failure.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["consent"]);
        await fx.Client.ResolveAsync(From("", r.Siret)); // without a sender, the public answer stands
    }

    [Fact]
    public async Task A_closed_supplier_directory_accepts_an_approved_supplier_and_refuses_the_others()
    {
        var r = await fx.RecipientAsync("Picky Buyer");
        await fx.Seed.SetModesAsync(r.Id, supplierDirectory: "closed");
        var approved = await fx.SenderAsync("Approved Supplier");
        var stranger = await fx.SenderAsync("Stranger Supplier");
        await fx.Seed.ApprovalAsync(r.Id, approved.Id, "approved");

        await fx.Client.ResolveAsync(From(approved.Siret, r.Siret));
        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(From(stranger.Siret, r.Siret)).ResponseAsync);

        Assert.Equal("SUPPLIER_NOT_APPROVED", failure.Reason());
    }

    [Fact]
    public async Task With_several_providers_the_senders_pin_wins_else_the_recipients_default()
    {
        var r = await fx.RecipientAsync("Two Providers");
        var second = await fx.Seed.ProviderAsync();
        await fx.Seed.RegisterAsync(r.Id, second, isDefault: false);
        var pinning = await fx.SenderAsync("Pinning Supplier");
        var plain = await fx.SenderAsync("Plain Supplier");
        await fx.Seed.CustomerEntryAsync(pinning.Id, r.Id, pinnedProvider: second);

        var pinned = await fx.Client.ResolveAsync(From(pinning.Siret, r.Siret));
        var byDefault = await fx.Client.ResolveAsync(From(plain.Siret, r.Siret));

        Assert.Equal((second, "pinned_by_sender"), (pinned.Route.Provider.ProviderId, pinned.Route.ChosenBecause));
        Assert.Equal((r.Provider, "recipient_default"), (byDefault.Route.Provider.ProviderId, byDefault.Route.ChosenBecause));
    }

    [Fact]
    public async Task A_provider_that_does_not_accept_the_document_type_is_skipped()
    {
        var siret = TestIds.Siret(TestIds.Siren());
        var id = await fx.Seed.EntityAsync("Typed Receiver", [siret]);
        var invoicesOnly = await fx.Seed.ProviderAsync();
        var everything = await fx.Seed.ProviderAsync();
        await fx.Seed.RegisterAsync(id, invoicesOnly, true, "urn:invoice");
        await fx.Seed.RegisterAsync(id, everything, false);

        var invoice = await fx.Client.ResolveAsync(From("", siret, "urn:invoice"));
        var creditNote = await fx.Client.ResolveAsync(From("", siret, "urn:credit-note"));

        Assert.Equal(invoicesOnly, invoice.Route.Provider.ProviderId);
        Assert.Equal(everything, creditNote.Route.Provider.ProviderId);
    }

    [Fact]
    public async Task A_recipient_whose_only_provider_is_suspended_has_no_service_provider()
    {
        var r = await fx.RecipientAsync("Suspended Route");
        await fx.Seed.SuspendProviderAsync(r.Provider);

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(From("", r.Siret)).ResponseAsync);

        Assert.Equal("NO_SERVICE_PROVIDER", failure.Reason());
    }

    [Fact]
    public async Task The_rule_path_lists_every_rule_in_order()
    {
        var r = await fx.RecipientAsync();
        var sender = await fx.SenderAsync();

        var reply = await fx.Client.ResolveAsync(From(sender.Siret, r.Siret));

        Assert.Equal(
            ["sender.known", "sender.active", "recipient.found", "recipient.active", "customer_directory.entry",
             "recipient.accepts_einvoicing", "consent.accepted", "supplier_directory.approved", "routing_activation.active", "directory_line.selected", "provider.selected"],
            reply.RulePath.Select(p => p.Rule));
        Assert.All(reply.RulePath.Where(p => p.Rule != "directory_line.selected"), p => Assert.Equal(RuleVerdict.Passed, p.Verdict));
        Assert.Contains("no directory line", reply.RulePath.Single(p => p.Rule == "directory_line.selected").Fact, StringComparison.Ordinal);
    }
}
