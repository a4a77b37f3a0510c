using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>Checks one import row on its own, reporting every bad field at once.</summary>
public static class ImportRowParser
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxOtherIdentifiers = 20;

    internal static ImportRow? Parse(int row, Func<string, string> get, List<ImportRowRejection> rejected)
    {
        var before = rejected.Count;
        void Reject(string field, string reason, string description) => rejected.Add(new(row, field, reason, description));

        var name = get("legal_name");
        if (name.Length == 0)
            Reject("legal_name", "REQUIRED", "Give the entity's legal name.");
        else if (name.Length > MaxNameLength)
            Reject("legal_name", "TOO_LONG", $"At most {MaxNameLength} characters.");
        else if (name.Any(char.IsControl))
            Reject("legal_name", "CHARACTERS", "Control characters are not allowed.");

        var kindText = get("kind");
        EntityKind kind = EntityKind.Company;
        if (kindText.Length > 0 && !TryKind(kindText, out kind))
            Reject("kind", "FORMAT", "company, association or natural_person.");

        var country = get("country").ToUpperInvariant();
        if (country.Length == 0)
            country = "FR";
        else if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            Reject("country", "FORMAT", "An ISO 3166 alpha-2 code such as FR.");

        var ids = new List<(PartyId, string)>();
        Identifier("siret", get("siret"), IdentifierScheme.Siret, ids, Reject);
        Identifier("siren", get("siren"), IdentifierScheme.Siren, ids, Reject);
        Identifier("vat", get("vat"), null, ids, Reject);
        var others = get("identifiers").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (others.Length > MaxOtherIdentifiers)
            Reject("identifiers", "TOO_MANY", $"At most {MaxOtherIdentifiers} identifiers in this column; {others.Length} were given.");
        else
            foreach (var other in others)
                Identifier("identifiers", other, null, ids, Reject);
        if (ids.Count == 0 && !rejected.Skip(before).Any(r => ImportColumns.IdentifierColumns.Contains(r.Field)))
            Reject("siret", "REQUIRED", "Give at least one identifier: siret, siren, vat or identifiers.");

        var contact = Contact(get, Reject);
        return rejected.Count > before ? null : new ImportRow(row, kind, name, country, ids, contact);
    }

    private static void Identifier(string field, string text, IdentifierScheme? expected, List<(PartyId, string)> ids, Action<string, string, string> reject)
    {
        if (text.Length == 0)
            return;
        if (!PartyId.TryParse(text, out var id, out var error))
            reject(field, error.Rule.Code(), error.Description);
        else if (expected is { } scheme && id.Scheme != scheme)
            reject(field, "FORMAT", $"{text} is a {id.Scheme}, not a {scheme}: put it in its own column.");
        else if (field == "vat" && id.Scheme is not (IdentifierScheme.FrenchVat or IdentifierScheme.EuVat))
            reject(field, "FORMAT", $"{text} is not a VAT number.");
        else
            ids.Add((id, field));
    }

    private static ContactDraft? Contact(Func<string, string> get, Action<string, string, string> reject)
    {
        var (last, first, email) = (get("contact_last_name"), get("contact_first_name"), get("contact_email"));
        if (last.Length == 0 && first.Length == 0 && email.Length == 0)
            return null;
        if (last.Length == 0)
            reject("contact_last_name", "REQUIRED", "A contact needs a last name.");
        if (email.Length == 0)
            reject("contact_email", "REQUIRED", "A contact needs an e-mail address.");
        else if (!IsEmail(email))
            reject("contact_email", "FORMAT", "Not an e-mail address (name@domain).");
        foreach (var (field, value) in new[] { ("contact_last_name", last), ("contact_first_name", first) })
        {
            if (value.Length > MaxNameLength)
                reject(field, "TOO_LONG", $"At most {MaxNameLength} characters.");
            else if (value.Any(char.IsControl))
                reject(field, "CHARACTERS", "Control characters are not allowed.");
        }
        return new ContactDraft(last, first, email, true);
    }

    public static bool IsEmail(string email) =>
        email.Length <= MaxEmailLength && email.IndexOf('@') is > 0 and var at && at < email.Length - 1 && email.IndexOf('@', at + 1) < 0
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && email[(at + 1)..].Contains('.');

    public static bool TryKind(string text, out EntityKind kind)
    {
        kind = EntityKind.Company;
        if (text is not ("company" or "association" or "natural_person"))
            return false;
        kind = DirectoryCodes.Kind(text);
        return true;
    }
}
