using CsCheck;
using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class PartyIdPropertyTests
{
    private const long Iterations = 2_000;

    [Fact]
    public void A_valid_siren_parses_to_the_same_value_in_every_typed_form()
    {
        Gen.Select(ValidNumbers.Siren, TypedForm).Sample((siren, form) =>
            AssertParsesTo(form(siren, "0002"), IdentifierScheme.Siren, siren), iter: Iterations);
    }

    [Fact]
    public void A_valid_siret_parses_to_the_same_value_in_every_typed_form()
    {
        Gen.Select(ValidNumbers.Siret, TypedForm).Sample((siret, form) =>
            AssertParsesTo(form(siret, "0009"), IdentifierScheme.Siret, siret), iter: Iterations);
    }

    [Fact]
    public void A_valid_gln_parses_to_the_same_value_in_every_typed_form()
    {
        Gen.Select(ValidNumbers.Gln, TypedForm).Sample((gln, form) =>
            AssertParsesTo(form(gln, "0088"), IdentifierScheme.Gln, gln), iter: Iterations);
    }

    [Fact]
    public void A_valid_french_vat_parses_to_the_same_value_in_every_typed_form()
    {
        Gen.Select(ValidNumbers.FrenchVat, TypedForm).Sample((vat, form) =>
            AssertParsesTo(form(vat, "9957"), IdentifierScheme.FrenchVat, vat), iter: Iterations);
    }

    [Fact]
    public void Changing_any_single_digit_of_a_valid_siren_siret_or_gln_is_refused_with_the_check_digit_rule()
    {
        var numbers = Gen.OneOf(ValidNumbers.Siren, ValidNumbers.Siret, ValidNumbers.Gln);
        Gen.Select(numbers, Gen.Int[0, 13], Gen.Int[1, 9]).Sample((number, position, shift) =>
        {
            var i = position % number.Length;
            var digits = number.ToCharArray();
            digits[i] = (char)('0' + (digits[i] - '0' + shift) % 10);
            var changed = new string(digits);

            Assert.False(PartyId.TryParse(changed, out _, out var error), $"{changed} (from {number}) was accepted");
            Assert.Equal(IdentifierRule.CheckDigit, error.Rule);
        }, iter: Iterations);
    }

    [Fact]
    public void Arbitrary_strings_never_make_parsing_throw_and_always_give_a_result_or_an_error()
    {
        Gen.OneOf(Noise, Gen.Select(Prefix, Noise, (p, n) => p + n)).Sample(input =>
        {
            if (PartyId.TryParse(input, out var id, out var error))
            {
                Assert.NotEmpty(id.Value);
                Assert.Equal(id, PartyId.Parse(id.ToString()));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Description));
            }

            if (CustomerNumber.TryParse(input, out var number, out var numberError))
                Assert.Equal(number, CustomerNumber.Parse(number.Value));
            else
                Assert.False(string.IsNullOrWhiteSpace(numberError.Description));
        }, iter: 5_000);
    }

    [Fact]
    public void A_parsed_identifier_re_parses_to_itself_from_to_string_and_to_peppol()
    {
        var inputs = Gen.OneOf(
            ValidNumbers.Siren,
            ValidNumbers.Siret,
            ValidNumbers.Gln,
            ValidNumbers.Duns.Select(d => "0060:" + d),
            ValidNumbers.FrenchVat,
            ValidNumbers.FrenchAddress.Select(a => "0225:" + a),
            Gen.OneOf(ValidNumbers.EuVatSamples));
        inputs.Sample(input =>
        {
            var id = PartyId.Parse(input);

            Assert.Equal(id, PartyId.Parse(id.ToString()));
            Assert.Equal(id, PartyId.Parse(id.ToPeppol()));
            Assert.All(id.Equivalents(), key => Assert.Equal(key, PartyId.Parse(key.ToPeppol())));
        }, iter: Iterations);
    }

    private static void AssertParsesTo(string input, IdentifierScheme scheme, string value)
    {
        Assert.True(PartyId.TryParse(input, out var id, out var error), $"{input}: {error?.Description}");
        Assert.Equal(scheme, id.Scheme);
        Assert.Equal(value, id.Value);
    }

    /// <summary>Ways people write a number: given the compact value and its ICD, the text they type.</summary>
    private static readonly Gen<Func<string, string, string>> TypedForm = Gen.OneOf<Func<string, string, string>>(
        (v, _) => v,
        (v, _) => Grouped(v, " "),
        (v, _) => Grouped(v, "."),
        (v, _) => Grouped(v, "-"),
        (v, _) => Grouped(v, "\u00A0"),
        (v, _) => $"  {v.ToLowerInvariant()}\t",
        (v, icd) => $"{icd}:{v}",
        (v, icd) => $"{icd}:{Grouped(v, " ").ToLowerInvariant()}",
        (v, icd) => $"iso6523-actorid-upis::{icd}:{v}",
        (v, icd) => $"ISO6523-ACTORID-UPIS::{icd}:{v.ToLowerInvariant()}");

    private static string Grouped(string value, string separator) =>
        string.Join(separator, value.Chunk(3).Select(chunk => new string(chunk)));

    private static readonly Gen<string> Prefix = Gen.OneOf(
        "0002:", "0009:", "0060:", "0088:", "0225:", "9957:", "9912:", "9930:", "9920:", "9944:",
        "iso6523-actorid-upis::", "iso6523-actorid-upis::0225:", "FR", "ES", "NL", "BE", "IT", "XI", "732829320_");

    /// <summary>Strings mixing digits, separators, letters, control characters, surrogates and other Unicode.</summary>
    private static readonly Gen<string> Noise = Gen.Frequency(
            (6, Gen.Char['0', '9']),
            (2, Gen.Char[" .-_:"]),
            (2, Gen.Char['A', 'z']),
            (1, Gen.Char['\u0000', '\u001F']),
            (1, Gen.Char['\u0080', '\u2FFF']),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char))
        .Array[0, 240]
        .Select(chars => new string(chars));
}
