using System.Buffers;
using System.Text;

namespace Qweeby.Routing.Core.Identifiers;

/// <summary>Turns what people type into the compact upper-case form the schemes are checked on.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// Removes the separators people put inside numbers (spaces, no-break spaces, dots, dashes)
    /// and upper-cases letters; refuses anything that is not an ASCII letter or digit.
    /// </summary>
    public static IdentifierError? Compact(string text, string what, out string compact)
    {
        // Most input is already compact (machines send it): no copy then.
        if (text.Length > 0 && !text.AsSpan().ContainsAnyExcept(CompactCharacters))
        {
            compact = text;
            return null;
        }
        compact = "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(char.ToUpperInvariant(c));
            else if (!IsSeparator(c))
                return Refuse(c, what);
        }

        if (builder.Length == 0)
            return new(IdentifierRule.Empty, $"The {what} contains no digits or letters; send the identifier itself.");

        compact = builder.ToString();
        return null;
    }

    private static readonly SearchValues<char> CompactCharacters = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>A readable, log-safe name for a character: never echoes control or non-ASCII characters.</summary>
    public static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when c is > ' ' and < (char)0x7F => $"'{c}'",
        _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
        _ => $"the character U+{(int)c:X4}",
    };

    public static bool IsAsciiDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static bool IsSeparator(char c) => c is '.' or '-' || (char.IsWhiteSpace(c) && !char.IsControl(c));

    private static IdentifierError Refuse(char c, string what) => c == '_'
        ? new(IdentifierRule.Characters,
            $"The {what} contains '_', which only French e-invoicing addresses use; write those as 0225:SIREN_suffix.")
        : new(IdentifierRule.Characters,
            $"The {what} contains {Describe(c)}, which is not allowed; use only letters and digits (spaces, dots and dashes are ignored).");
}
