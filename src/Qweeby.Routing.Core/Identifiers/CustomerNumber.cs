using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Qweeby.Routing.Core.Identifiers;

/// <summary>
/// A supplier's own account code for one of its customers. Normalized so that matching is
/// case-insensitive and blind to spacing: trimmed, inner runs of spaces collapsed to one, upper case.
/// </summary>
public readonly record struct CustomerNumber
{
    public const int MaxLength = 64;
    private const string AllowedPunctuation = "-_./#";

    private readonly string? _value;

    private CustomerNumber(string value) => _value = value;

    /// <summary>1 to 64 upper-case ASCII letters, digits, single spaces and <c>- _ . / #</c>.</summary>
    public string Value => _value ?? "";

    /// <summary>Normalizes and checks a customer number. Never throws.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? input,
        out CustomerNumber number,
        [NotNullWhen(false)] out IdentifierError? error)
    {
        number = default;
        error = Normalize(input, out var value);
        if (error is not null)
            return false;

        number = new CustomerNumber(value);
        return true;
    }

    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="FormatException">The input is not a valid customer number; the message says why.</exception>
    public static CustomerNumber Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var number, out var error) ? number : throw new FormatException(error.Description);
    }

    public override string ToString() => Value;

    private static IdentifierError? Normalize(string? input, out string value)
    {
        value = "";
        if (string.IsNullOrWhiteSpace(input))
            return new(IdentifierRule.Empty, "The customer number is blank; send the code the supplier uses for this customer.");

        var text = input.AsSpan().Trim();
        var leading = input.Length - input.AsSpan().TrimStart().Length;
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) && !char.IsControl(c))
            {
                pendingSpace = true;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c))
            {
                return new(IdentifierRule.Characters,
                    $"A customer number may contain only letters, digits, spaces and - _ . / #; "
                    + $"{IdentifierText.Describe(c)} at position {leading + i + 1} is not allowed.");
            }

            if (pendingSpace)
                builder.Append(' ');
            pendingSpace = false;
            builder.Append(char.ToUpperInvariant(c));
            if (builder.Length > MaxLength)
            {
                return new(IdentifierRule.TooLong,
                    $"A customer number has at most {MaxLength} characters; shorten it or use another code.");
            }
        }

        value = builder.ToString();
        return null;
    }
}
