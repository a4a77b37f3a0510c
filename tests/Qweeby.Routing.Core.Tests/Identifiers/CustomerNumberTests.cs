using Qweeby.Routing.Core.Identifiers;
using Xunit;

namespace Qweeby.Routing.Core.Tests.Identifiers;

public sealed class CustomerNumberTests
{
    [Theory]
    [InlineData("C-00042", "C-00042")]
    [InlineData("  cli 42  ", "CLI 42")]
    [InlineData("Client   Dupont\u00A0 #7", "CLIENT DUPONT #7")]
    [InlineData("acme/fr.north_2", "ACME/FR.NORTH_2")]
    [InlineData("7", "7")]
    [InlineData("\t42\r\n", "42")]
    public void A_customer_number_is_trimmed_collapsed_and_upper_cased(string input, string expected)
    {
        Assert.True(CustomerNumber.TryParse(input, out var number, out var error), error?.Description);
        Assert.Equal(expected, number.Value);
        Assert.Equal(expected, number.ToString());
    }

    [Fact]
    public void Customer_numbers_differing_only_in_case_and_spacing_are_equal()
    {
        Assert.Equal(CustomerNumber.Parse("abc  12"), CustomerNumber.Parse(" ABC 12 "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0")]
    public void A_blank_customer_number_is_refused_as_empty(string? input)
    {
        Assert.False(CustomerNumber.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.Empty, error.Rule);
    }

    [Fact]
    public void A_customer_number_may_have_64_characters_but_not_65()
    {
        Assert.True(CustomerNumber.TryParse(new string('A', 64), out _, out _));
        Assert.False(CustomerNumber.TryParse(new string('A', 65), out _, out var error));
        Assert.Equal(IdentifierRule.TooLong, error.Rule);
    }

    [Fact]
    public void Collapsed_spaces_do_not_count_towards_the_length()
    {
        Assert.True(CustomerNumber.TryParse(new string('A', 32) + "     " + new string('B', 31), out var number, out _));
        Assert.Equal(64, number.Value.Length);
    }

    [Fact]
    public void A_one_megabyte_customer_number_is_refused_without_throwing()
    {
        Assert.False(CustomerNumber.TryParse(new string('9', 1_000_000), out _, out var error));
        Assert.Equal(IdentifierRule.TooLong, error.Rule);
    }

    [Theory]
    [InlineData("ABC\u0000DEF")]
    [InlineData("ABC\tDEF")]
    [InlineData("ABC\nDEF")]
    [InlineData("ABC;DEF")]
    [InlineData("ABC*")]
    [InlineData("CLIÉNT")]
    [InlineData("ＡＢＣ")]
    [InlineData("A\u200BB")]
    public void Control_characters_and_other_symbols_are_refused_with_the_characters_rule(string input)
    {
        Assert.False(CustomerNumber.TryParse(input, out _, out var error));
        Assert.Equal(IdentifierRule.Characters, error.Rule);
    }

    [Fact]
    public void A_characters_error_gives_the_position_in_what_was_sent()
    {
        Assert.False(CustomerNumber.TryParse("  AB;C", out _, out var error));

        Assert.Contains("';' at position 5", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_an_invalid_customer_number()
    {
        Assert.Throws<FormatException>(() => CustomerNumber.Parse("AB|C"));
    }
}
