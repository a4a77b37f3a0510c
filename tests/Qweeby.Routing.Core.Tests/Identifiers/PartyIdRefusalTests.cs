using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class PartyIdRefusalTests
{
    [Theory]
    [InlineData("732829321", IdentifierRule.CheckDigit)]
    [InlineData("55203253400013", IdentifierRule.CheckDigit)]
    [InlineData("FR45732829320", IdentifierRule.CheckDigit)]
    [InlineData("5790000435952", IdentifierRule.CheckDigit)]
    [InlineData("1234:abc", IdentifierRule.UnknownScheme)]
    [InlineData("7328293200007A", IdentifierRule.Characters)]
    [InlineData("73282932O00074", IdentifierRule.Characters)]
    [InlineData("0009:7328293200007A", IdentifierRule.Characters)]
    [InlineData("732829320007", IdentifierRule.Length)]
    [InlineData("732829320000741", IdentifierRule.Length)]
    [InlineData("0009:732829320", IdentifierRule.Length)]
    [InlineData("0002:73282932000074", IdentifierRule.Length)]
    [InlineData("0060:15048378", IdentifierRule.Length)]
    public void The_reference_invalid_vectors_are_refused_with_their_rule(string input, IdentifierRule rule)
    {
        Assert.False(PartyId.TryParse(input, out var id, out var error));
        Assert.Equal(rule, error.Rule);
        Assert.Equal(default, id);
    }

    [Fact]
    public void A_siret_with_a_bad_check_digit_is_refused_with_the_check_digit_rule()
    {
        Assert.False(PartyId.TryParse("552 032 534 00013", out _, out var error));

        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        Assert.Equal("SIRET 55203253400013 fails its Luhn check digit; check the 14 digits.", error.Description);
    }

    [Fact]
    public void A_siret_whose_siren_part_fails_luhn_is_refused_even_if_the_14_digits_pass()
    {
        // 73282932100007 passes Luhn on 14 digits, but 732829321 is not a SIREN.
        Assert.True(Luhn.IsValid("73282932100007"));

        Assert.False(PartyId.TryParse("73282932100007", out _, out var error));
        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        Assert.Contains("SIREN 732829321", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_la_poste_establishment_whose_digits_do_not_sum_to_a_multiple_of_five_is_refused()
    {
        Assert.False(PartyId.TryParse("35600000000002", out _, out var error));

        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        Assert.Contains("La Poste", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_nine_digit_number_failing_luhn_suggests_writing_a_duns_with_its_icd()
    {
        Assert.False(PartyId.TryParse("732829321", out _, out var error));

        Assert.Contains("0060:732829321", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_thirteen_digit_number_failing_gs1_suggests_a_siret_missing_a_digit()
    {
        Assert.False(PartyId.TryParse("7328293200007", out _, out var error));

        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        Assert.Contains("SIRET", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duns_number_needs_no_check_digit_when_written_with_its_icd()
    {
        Assert.True(PartyId.TryParse("0060:732829321", out var id, out _));
        Assert.Equal(IdentifierScheme.Duns, id.Scheme);
    }

    [Fact]
    public void A_french_vat_with_a_wrong_key_names_the_key_and_the_siren()
    {
        Assert.False(PartyId.TryParse("FR45732829320", out _, out var error));

        Assert.Contains("key 45", error.Description, StringComparison.Ordinal);
        Assert.Contains("732829320", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_french_vat_whose_siren_fails_luhn_is_refused()
    {
        Assert.False(PartyId.TryParse("FR44732829321", out _, out var error));
        Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData(" . - ")]
    [InlineData("0009:")]
    [InlineData("iso6523-actorid-upis::0009:  ")]
    public void Blank_input_is_refused_as_empty(string? input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.Empty, error.Rule);
    }

    [Fact]
    public void Input_longer_than_200_characters_is_too_long()
    {
        Assert.True(PartyId.TryParse("732829320" + new string(' ', 191), out _, out _));
        Assert.False(PartyId.TryParse("732829320" + new string(' ', 192), out _, out var error));
        Assert.Equal(IdentifierRule.TooLong, error.Rule);
    }

    [Fact]
    public void A_one_megabyte_string_is_refused_as_too_long_without_throwing()
    {
        Assert.False(PartyId.TryParse(new string('1', 1_000_000), out _, out var error));
        Assert.Equal(IdentifierRule.TooLong, error.Rule);
    }

    [Theory]
    [InlineData("732\u0000829320")]
    [InlineData("732829320\u0007")]
    [InlineData("7328\t29320")]
    [InlineData("７３２８２９３２０")]
    [InlineData("732829320é")]
    [InlineData("FR44732829320\uD83D\uDE00")]
    [InlineData("0009:7328293200\u200B0074")]
    [InlineData("732829320;DROP")]
    public void Control_characters_and_non_ascii_characters_are_refused_as_characters(string input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.Characters, error.Rule);
    }

    [Fact]
    public void A_character_error_names_control_characters_by_code_point_instead_of_echoing_them()
    {
        Assert.False(PartyId.TryParse("732\u001B829320", out _, out var error));

        Assert.Contains("U+001B", error.Description, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', error.Description);
    }

    [Theory]
    [InlineData("12:732829320")]
    [InlineData("SIRET:73282932000074")]
    [InlineData(":732829320")]
    [InlineData("iso6523-actorid-upis::73282932000074")]
    [InlineData("A1234567")]
    public void Input_with_no_recognizable_shape_is_refused_as_format(string input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.Format, error.Rule);
    }

    [Fact]
    public void An_unknown_icd_is_refused_with_the_list_of_schemes_we_accept()
    {
        Assert.False(PartyId.TryParse("1234:abc", out _, out var error));

        Assert.Equal(IdentifierRule.UnknownScheme, error.Rule);
        Assert.Contains("0009 (SIRET)", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0225:732829321_73282932000074", IdentifierRule.CheckDigit)]
    [InlineData("0225:732829320_73282932000075", IdentifierRule.CheckDigit)]
    [InlineData("0225:732829320_55203253400646", IdentifierRule.Format)]
    [InlineData("0225:73282932_ABC", IdentifierRule.Format)]
    [InlineData("0225:732829320_", IdentifierRule.Format)]
    [InlineData("0225:732829320__X", IdentifierRule.Format)]
    [InlineData("0225:FACTURES", IdentifierRule.Format)]
    [InlineData("0225:732829320 ABC", IdentifierRule.Characters)]
    [InlineData("0225:732829320/ABC", IdentifierRule.Characters)]
    [InlineData("0225:732829320_ÉTÉ", IdentifierRule.Characters)]
    public void A_malformed_french_e_invoicing_address_is_refused(string input, IdentifierRule rule)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.Equal(rule, error.Rule);
    }

    [Fact]
    public void A_french_e_invoicing_address_longer_than_130_characters_is_too_long()
    {
        var address = "732829320_" + new string('A', 120);
        Assert.True(PartyId.TryParse("0225:" + address, out _, out _));
        Assert.False(PartyId.TryParse("0225:" + address + "A", out _, out var error));
        Assert.Equal(IdentifierRule.TooLong, error.Rule);
    }

    [Fact]
    public void A_bare_address_with_underscores_is_told_to_use_the_0225_prefix()
    {
        Assert.False(PartyId.TryParse("732829320_73282932000074", out _, out var error));

        Assert.Equal(IdentifierRule.Characters, error.Rule);
        Assert.Contains("0225:", error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("55203253400013")]
    [InlineData("1234:abc")]
    [InlineData("FR45732829320")]
    [InlineData("")]
    [InlineData("GR094259216")]
    public void Every_refusal_describes_the_problem_in_a_sentence(string input)
    {
        Assert.False(PartyId.TryParse(input, out _, out var error));
        Assert.EndsWith(".", error.Description, StringComparison.Ordinal);
        Assert.True(error.Description.Length > 20);
    }
}
