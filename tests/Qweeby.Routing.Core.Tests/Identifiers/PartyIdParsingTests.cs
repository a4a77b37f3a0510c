using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class PartyIdParsingTests
{
    [Theory]
    [InlineData("732829320", IdentifierScheme.Siren, "0002", "732829320")]
    [InlineData("73282932000074", IdentifierScheme.Siret, "0009", "73282932000074")]
    [InlineData("35600000000048", IdentifierScheme.Siret, "0009", "35600000000048")]
    [InlineData("FR44732829320", IdentifierScheme.FrenchVat, "9957", "FR44732829320")]
    [InlineData("FR40303265045", IdentifierScheme.FrenchVat, "9957", "FR40303265045")]
    [InlineData("DE136695976", IdentifierScheme.EuVat, "9930", "DE136695976")]
    [InlineData("5790000435951", IdentifierScheme.Gln, "0088", "5790000435951")]
    [InlineData("0060:150483782", IdentifierScheme.Duns, "0060", "150483782")]
    [InlineData("0225:732829320_73282932000074", IdentifierScheme.FrenchAddress, "0225", "732829320_73282932000074")]
    public void The_reference_vectors_parse_to_their_scheme_icd_and_value(
        string input, IdentifierScheme scheme, string icd, string value)
    {
        Assert.True(PartyId.TryParse(input, out var id, out var error), error?.Description);
        Assert.Null(error);
        Assert.Equal(scheme, id.Scheme);
        Assert.Equal(icd, id.Icd);
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData("FR 40 303 265 045", "9957:FR40303265045")]
    [InlineData("fr40303265045", "9957:FR40303265045")]
    [InlineData("Fr 40.303.265.045", "9957:FR40303265045")]
    [InlineData("552 032 534 00646", "0009:55203253400646")]
    [InlineData("732.829.320", "0002:732829320")]
    [InlineData("732-829-320", "0002:732829320")]
    [InlineData("732\u00A0829\u00A0320", "0002:732829320")]
    [InlineData("732\u202F829\u202F320", "0002:732829320")]
    [InlineData("  732829320\r\n", "0002:732829320")]
    [InlineData("0009:552-032-534-00646", "0009:55203253400646")]
    [InlineData("0009 : 552 032 534 00646", "0009:55203253400646")]
    [InlineData("iso6523-actorid-upis::0009:73282932000074", "0009:73282932000074")]
    [InlineData("ISO6523-ACTORID-UPIS::0002:732829320", "0002:732829320")]
    [InlineData("9957:fr44732829320", "9957:FR44732829320")]
    [InlineData("9957:44732829320", "9957:FR44732829320")]
    [InlineData("9930:136695976", "9930:DE136695976")]
    [InlineData("0088:579 0000 435951", "0088:5790000435951")]
    public void Identifiers_are_read_as_people_type_them(string input, string expected)
    {
        Assert.Equal(expected, PartyId.Parse(input).ToString());
    }

    [Fact]
    public void A_french_e_invoicing_address_keeps_its_separators_and_is_stored_upper_case()
    {
        var id = PartyId.Parse("0225:732829320_73282932000074_Compta-Nord.2");

        Assert.Equal("732829320_73282932000074_COMPTA-NORD.2", id.Value);
        Assert.Equal(id, PartyId.Parse("iso6523-actorid-upis::0225:732829320_73282932000074_compta-nord.2"));
    }

    [Theory]
    [InlineData("0225:732829320")]
    [InlineData("0225:732829320_FACTURES")]
    [InlineData("0225:732829320_73282932000074_SERVICE-42")]
    public void Each_documented_french_address_shape_is_accepted(string input)
    {
        Assert.True(PartyId.TryParse(input, out var id, out var error), error?.Description);
        Assert.Equal(IdentifierScheme.FrenchAddress, id.Scheme);
    }

    [Fact]
    public void A_la_poste_establishment_is_valid_when_its_digit_sum_is_a_multiple_of_five_even_though_luhn_fails()
    {
        Assert.False(Luhn.IsValid("35600000000001"));

        Assert.True(PartyId.TryParse("35600000000001", out var id, out var error), error?.Description);
        Assert.Equal(IdentifierScheme.Siret, id.Scheme);
    }

    [Fact]
    public void The_la_poste_head_office_siret_is_checked_with_luhn_not_the_digit_sum_rule()
    {
        // 35600000000048 sums to 26, so only its Luhn check makes it valid.
        Assert.True(PartyId.TryParse("35600000000048", out _, out _));
    }

    [Fact]
    public void To_string_and_to_peppol_write_the_icd_and_the_normalized_value()
    {
        var id = PartyId.Parse("fr 44 732 829 320");

        Assert.Equal("9957:FR44732829320", id.ToString());
        Assert.Equal("iso6523-actorid-upis::9957:FR44732829320", id.ToPeppol());
        Assert.Equal("FR", id.CountryCode);
    }

    [Fact]
    public void Only_vat_numbers_have_a_country_code()
    {
        Assert.Null(PartyId.Parse("732829320").CountryCode);
        Assert.Equal("DE", PartyId.Parse("DE136695976").CountryCode);
    }

    [Fact]
    public void Two_spellings_of_the_same_identifier_are_equal_party_ids()
    {
        Assert.Equal(PartyId.Parse("FR 40 303 265 045"), PartyId.Parse("iso6523-actorid-upis::9957:fr40303265045"));
    }

    [Fact]
    public void Party_id_can_be_parsed_through_iparsable()
    {
        Assert.Equal("0002:732829320", ParseGeneric<PartyId>("732 829 320").ToString());
        Assert.False(TryParseGeneric<PartyId>("732829321"));
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_description()
    {
        var ex = Assert.Throws<FormatException>(() => PartyId.Parse("55203253400013"));

        Assert.Equal("SIRET 55203253400013 fails its Luhn check digit; check the 14 digits.", ex.Message);
    }

    [Fact]
    public void Parse_refuses_null_with_an_argument_null_exception()
    {
        Assert.Throws<ArgumentNullException>(() => PartyId.Parse(null!));
    }

    private static T ParseGeneric<T>(string s) where T : IParsable<T> => T.Parse(s, null);

    private static bool TryParseGeneric<T>(string s) where T : IParsable<T> => T.TryParse(s, null, out _);
}
