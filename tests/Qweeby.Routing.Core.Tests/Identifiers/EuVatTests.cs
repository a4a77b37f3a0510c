using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class EuVatTests
{
    [Theory]
    [InlineData("DE136695976", "9930")]
    [InlineData("BE0403170701", "9925")]
    [InlineData("IT00743110157", "0211")]
    [InlineData("IT06363391001", "0211")]
    [InlineData("ESA28015865", "9920")]
    [InlineData("ESJ99216582", "9920")]
    [InlineData("ESB64717838", "9920")]
    [InlineData("ES54362315K", "9920")]
    [InlineData("ESX5253868R", "9920")]
    [InlineData("NL004495445B01", "9944")]
    [InlineData("NL002455799B11", "9944")]
    [InlineData("ATU13585627", "9914")]
    [InlineData("EL094259216", "9933")]
    [InlineData("PL5260250274", "9945")]
    [InlineData("IE6388047V", "9935")]
    [InlineData("DK13585628", "9912")]
    [InlineData("FI20774740", "9912")]
    [InlineData("SE556188840401", "9912")]
    [InlineData("XI123456789", "9912")]
    [InlineData("XIGD123", "9912")]
    public void Valid_vat_numbers_of_each_country_parse_under_the_peppol_icd_of_that_country(string input, string icd)
    {
        Assert.True(PartyId.TryParse(input, out var id, out var error), error?.Description);
        Assert.Equal(IdentifierScheme.EuVat, id.Scheme);
        Assert.Equal(icd, id.Icd);
        Assert.Equal(input, id.Value);
        Assert.Equal(input[..2], id.CountryCode);
    }

    [Theory]
    [InlineData("DE136695977")]
    [InlineData("BE0403170702")]
    [InlineData("IT00743110158")]
    [InlineData("ESA28015866")]
    [InlineData("ESA2801586F")]
    [InlineData("ES54362315A")]
    [InlineData("ESX5253868A")]
    [InlineData("NL004495446B01")]
    public void A_vat_number_with_a_wrong_check_digit_is_refused_with_the_check_digit_rule(string input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        Assert.Contains(input, error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ESB6471783H")]
    [InlineData("ESK1234567L")]
    [InlineData("ESY1234567X")]
    [InlineData("ESZ1234567R")]
    public void Spanish_company_cif_letter_controls_and_special_nif_prefixes_are_accepted(string input)
    {
        Assert.True(PartyId.TryParse(input, out _, out var error), error?.Description);
    }

    [Theory]
    [InlineData("DE13669597", IdentifierRule.Length)]
    [InlineData("DE036695976", IdentifierRule.Format)]
    [InlineData("NL004495445B00", IdentifierRule.Format)]
    [InlineData("NL000000000B01", IdentifierRule.Format)]
    [InlineData("IT00743112007", IdentifierRule.Format)]
    [InlineData("ESI1234567L", IdentifierRule.Format)]
    [InlineData("ATU1358562", IdentifierRule.Length)]
    [InlineData("FRIO732829320", IdentifierRule.Format)]
    public void A_vat_number_not_in_its_country_format_is_refused(string input, IdentifierRule rule)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(rule, error.Rule);
    }

    [Fact]
    public void A_greek_vat_number_must_use_el_and_the_error_says_so()
    {
        Assert.False(PartyId.TryParse("GR094259216", out _, out var error));

        Assert.Equal(IdentifierRule.Format, error.Rule);
        Assert.Contains("EL", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("US123456789")]
    [InlineData("GB123456789")]
    [InlineData("CH123456789")]
    public void A_vat_prefix_outside_the_eu_and_xi_is_an_unknown_scheme(string input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.UnknownScheme, error.Rule);
    }

    [Theory]
    [InlineData("BE 403.170.701", "BE0403170701")]
    [InlineData("NL4495445B01", "NL004495445B01")]
    [InlineData("be0403 170 701", "BE0403170701")]
    [InlineData("es a-28015865", "ESA28015865")]
    public void Short_forms_people_still_write_are_normalized(string input, string value)
    {
        Assert.Equal(value, PartyId.Parse(input).Value);
    }

    [Theory]
    [InlineData("9920:A28015865", "9920:ESA28015865")]
    [InlineData("9944:NL004495445B01", "9944:NL004495445B01")]
    [InlineData("0211:00743110157", "0211:IT00743110157")]
    [InlineData("9906:IT00743110157", "0211:IT00743110157")]
    [InlineData("9912:DE136695976", "9930:DE136695976")]
    [InlineData("9912:FR44732829320", "9957:FR44732829320")]
    [InlineData("9912:XI123456789", "9912:XI123456789")]
    [InlineData("9955:SE556188840401", "9912:SE556188840401")]
    public void Vat_numbers_under_an_icd_are_normalized_to_the_current_icd_of_their_country(string input, string expected)
    {
        Assert.Equal(expected, PartyId.Parse(input).ToString());
    }

    [Fact]
    public void A_vat_number_under_the_icd_of_another_country_is_refused()
    {
        Assert.False(PartyId.TryParse("9930:FR44732829320", out _, out var error));

        Assert.Equal(IdentifierRule.Format, error.Rule);
        Assert.Contains("9957", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generic_eu_vat_icd_requires_a_country_prefix()
    {
        Assert.False(PartyId.TryParse("9912:136695976", out _, out var error));
        Assert.Equal(IdentifierRule.Format, error.Rule);
    }

    [Theory]
    [InlineData("FRK7399859412")]
    [InlineData("FR4Z123456782")]
    public void French_vat_numbers_with_a_new_style_alphanumeric_key_are_format_checked_only(string input)
    {
        Assert.True(PartyId.TryParse(input, out var id, out var error), error?.Description);
        Assert.Equal(IdentifierScheme.FrenchVat, id.Scheme);
    }

    [Fact]
    public void A_monaco_company_french_vat_number_is_accepted_without_a_siren_check()
    {
        // Monaco numbers start with 000 after the key and are not SIRENs; the key still applies.
        var siren = "000123456";
        var key = (12 + 3 * (123456 % 97)) % 97;

        Assert.True(PartyId.TryParse($"FR{key:D2}{siren}", out var id, out var error), error?.Description);
        Assert.Equal(new[] { id }, id.Equivalents());
    }
}
