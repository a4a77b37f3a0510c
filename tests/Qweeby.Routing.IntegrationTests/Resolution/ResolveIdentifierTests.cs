using Grpc.Core;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Resolution;

/// <summary>Finding recipients by identifier in any form, and refusing malformed identifiers.</summary>
public sealed class ResolveIdentifierTests(DirectoryFixture fx) : IClassFixture<DirectoryFixture>
{
    private static ResolveRequest To(string identifier, string sender = "") =>
        new() { Sender = sender, Recipient = new RecipientReference { Identifier = identifier } };

    [Fact]
    public async Task A_recipient_registered_by_siret_is_found_by_every_form_of_its_siret_siren_and_vat()
    {
        var r = await fx.RecipientAsync("Forms SA");
        string[] forms =
        [
            r.Siret, $"0009:{r.Siret}", $"iso6523-actorid-upis::0009:{r.Siret}", $"{r.Siret[..3]} {r.Siret[3..6]} {r.Siret[6..9]} {r.Siret[9..]}",
            r.Siren, $"{r.Siren[..3]}.{r.Siren[3..6]}.{r.Siren[6..]}", TestIds.Vat(r.Siren), TestIds.Vat(r.Siren).ToLowerInvariant(),
            $"9957:{TestIds.Vat(r.Siren)}",
        ];

        foreach (var form in forms)
        {
            var reply = await fx.Client.ResolveAsync(To(form));
            Assert.Equal(r.Id.ToString(), reply.Recipient.EntityId);
            Assert.Equal(r.Provider, reply.Route.Provider.ProviderId);
        }
    }

    [Fact]
    public async Task A_recipient_registered_by_siren_is_found_by_a_siret_of_that_siren_and_says_what_matched()
    {
        var siren = TestIds.Siren();
        var id = await fx.Seed.EntityAsync("Siren Only SA", [siren]);
        await fx.Seed.RegisterAsync(id, await fx.Seed.ProviderAsync());

        var reply = await fx.Client.ResolveAsync(To(TestIds.Siret(siren, 42)));

        Assert.Equal(id.ToString(), reply.Recipient.EntityId);
        Assert.Equal($"0002:{siren}", reply.MatchedBy);
        Assert.Contains($"0002:{siren}", reply.Recipient.Identifiers);
    }

    [Fact]
    public async Task A_siren_whose_establishments_are_separate_entities_is_ambiguous_and_asks_for_a_siret()
    {
        var siren = TestIds.Siren();
        foreach (var nic in new[] { 1, 2 })
        {
            var id = await fx.Seed.EntityAsync($"Branch {nic}", [TestIds.Siret(siren, nic)]);
            await fx.Seed.RegisterAsync(id, await fx.Seed.ProviderAsync());
        }

        var failure = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => fx.Client.ResolveAsync(To(siren)).ResponseAsync);

        Assert.Equal("RECIPIENT_AMBIGUOUS", failure.Reason());
        Assert.Contains("SIRET", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_establishment_of_a_company_registered_by_one_siret_finds_that_company_but_not_when_several_hold_its_sirets()
    {
        var r = await fx.RecipientAsync("One Establishment");
        var siren = TestIds.Siren();
        foreach (var nic in new[] { 1, 2 })
            await fx.Seed.EntityAsync($"Separate {nic}", [TestIds.Siret(siren, nic)]);

        var reply = await fx.Client.ResolveAsync(To(TestIds.Siret(r.Siren, 99)));
        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound, () => fx.Client.ResolveAsync(To(TestIds.Siret(siren, 99))).ResponseAsync);

        Assert.Equal((r.Id.ToString(), $"0009:{r.Siren}*"), (reply.Recipient.EntityId, reply.MatchedBy));
        Assert.Equal("RECIPIENT_NOT_FOUND", failure.Reason());
    }

    [Fact]
    public async Task An_unknown_but_valid_identifier_is_not_found_and_tells_what_to_check()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound, () => fx.Client.ResolveAsync(To(TestIds.Siret(TestIds.Siren()))).ResponseAsync);

        Assert.Equal("RECIPIENT_NOT_FOUND", failure.Reason());
        Assert.Contains("public directory", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("55203253400013", "CHECK_DIGIT")]
    [InlineData("732829321", "CHECK_DIGIT")]
    [InlineData("FR45732829320", "CHECK_DIGIT")]
    [InlineData("5790000435952", "CHECK_DIGIT")]
    [InlineData("1234:abc", "UNKNOWN_SCHEME")]
    [InlineData("7328293200007", "CHECK_DIGIT")]
    [InlineData("", "REQUIRED")]
    public async Task A_malformed_identifier_is_invalid_argument_naming_the_field_and_rule_never_not_found(string identifier, string rule)
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.ResolveAsync(To(identifier)).ResponseAsync);

        var violation = Assert.Single(failure.Violations());
        Assert.Equal("recipient.identifier", violation.Field);
        Assert.Equal(rule, violation.Reason);
        Assert.Equal("INVALID_REQUEST", failure.Reason());
    }

    [Fact]
    public async Task Every_malformed_field_is_reported_at_once()
    {
        var request = To("55203253400013", sender: "732829321");
        request.DocumentType = new string('x', 300);

        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.ResolveAsync(request).ResponseAsync);

        Assert.Equal(["sender", "recipient.identifier", "document_type"], failure.Violations().Select(v => v.Field));
    }

    [Fact]
    public async Task A_request_without_a_recipient_is_invalid()
    {
        var failure = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => fx.Client.ResolveAsync(new ResolveRequest()).ResponseAsync);

        Assert.Equal("recipient", Assert.Single(failure.Violations()).Field);
    }

    [Fact]
    public async Task An_unknown_sender_is_not_found_with_its_own_reason()
    {
        var r = await fx.RecipientAsync();

        var failure = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => fx.Client.ResolveAsync(To(r.Siret, sender: TestIds.Siret(TestIds.Siren()))).ResponseAsync);

        Assert.Equal("SENDER_NOT_FOUND", failure.Reason());
    }
}
