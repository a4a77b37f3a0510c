using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class PartyIdEquivalentsTests
{
    [Theory]
    [InlineData("73282932000074", "0009:73282932000074", "0002:732829320", "9957:FR44732829320")]
    [InlineData("732829320", "0002:732829320", "9957:FR44732829320")]
    [InlineData("FR44732829320", "9957:FR44732829320", "0002:732829320")]
    [InlineData("FRK7399859412", "9957:FRK7399859412", "0002:399859412")]
    [InlineData("0225:732829320_73282932000074_ACHATS", "0225:732829320_73282932000074_ACHATS", "0009:73282932000074", "0002:732829320")]
    [InlineData("0225:732829320_ACHATS", "0225:732829320_ACHATS", "0002:732829320")]
    [InlineData("0225:732829320", "0225:732829320", "0002:732829320")]
    [InlineData("35600000000001", "0009:35600000000001", "0002:356000000", "9957:FR39356000000")]
    [InlineData("DE136695976", "9930:DE136695976")]
    [InlineData("5790000435951", "0088:5790000435951")]
    [InlineData("0060:150483782", "0060:150483782")]
    public void A_recipient_is_looked_up_under_itself_first_then_the_identifiers_it_implies(string input, params string[] expected)
    {
        var keys = PartyId.Parse(input).Equivalents().Select(id => id.ToString());

        Assert.Equal(expected, keys);
    }

    [Fact]
    public void Every_implied_identifier_is_itself_a_valid_identifier()
    {
        foreach (var key in PartyId.Parse("0225:732829320_73282932000074").Equivalents())
            Assert.Equal(key, PartyId.Parse(key.ToPeppol()));
    }

    [Fact]
    public void The_default_party_id_implies_nothing_and_does_not_throw()
    {
        Assert.Equal(new[] { default(PartyId) }, default(PartyId).Equivalents());
    }

    [Theory]
    [InlineData("732829320", "FR44732829320")]
    [InlineData("303265045", "FR40303265045")]
    [InlineData("356000000", "FR39356000000")]
    public void French_vat_from_siren_computes_the_numeric_key(string siren, string vat)
    {
        var id = FrenchVat.FromSiren(siren);

        Assert.Equal(vat, id.Value);
        Assert.Equal(IdentifierScheme.FrenchVat, id.Scheme);
        Assert.Equal("9957", id.Icd);
    }

    [Theory]
    [InlineData("732829321")]
    [InlineData("73282932")]
    [InlineData("732 829 320")]
    [InlineData("")]
    public void French_vat_from_siren_refuses_anything_but_a_valid_siren(string siren)
    {
        Assert.Throws<ArgumentException>(() => FrenchVat.FromSiren(siren));
    }
}
