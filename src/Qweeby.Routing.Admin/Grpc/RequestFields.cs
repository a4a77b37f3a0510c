using Google.Rpc;
using Qweeby.Routing.Core.Directory;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Parses an admin request's fields, collecting every violation, then <see cref="ThrowIfInvalid"/> answers them all at
/// once as INVALID_ARGUMENT. Parse every field before looking anything up: a bad field is never "not found".
/// </summary>
public sealed class RequestFields
{
    public const int MaxTextLength = 200;
    public const int DefaultPageSize = 20;
    private const string ProviderIdCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-_.";

    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public void Add(string field, string reason, string description) => _violations.Add(RpcErrors.Violation(field, reason, description));

    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0)
            throw RpcErrors.Invalid(_violations).ToException();
    }

    /// <summary>An entity named by entity id (UUID) or by any identifier form.</summary>
    public EntityReference Entity(string field, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(field, "REQUIRED", "Name the entity: an identifier (\"0009:55203253400646\", a SIRET, SIREN or VAT number) or its entity id.");
            return default;
        }
        if (Guid.TryParse(text, out var id))
            return new EntityReference(text, id, null);
        if (PartyId.TryParse(text, out var party, out var error))
            return new EntityReference(text, null, party);
        _violations.Add(RpcErrors.Violation(field, error));
        return default;
    }

    /// <summary>An entity kind; null when unset (a violation too when <paramref name="required"/>) or undefined.</summary>
    public EntityKind? Kind(string field, Contracts.Admin.V1.EntityKind kind, bool required)
    {
        switch (kind)
        {
            case Contracts.Admin.V1.EntityKind.Company: return EntityKind.Company;
            case Contracts.Admin.V1.EntityKind.Association: return EntityKind.Association;
            case Contracts.Admin.V1.EntityKind.NaturalPerson: return EntityKind.NaturalPerson;
            case Contracts.Admin.V1.EntityKind.Unspecified:
                if (required)
                    Add(field, "REQUIRED", "COMPANY, ASSOCIATION or NATURAL_PERSON.");
                return null;
            default:
                Add(field, "OUT_OF_RANGE", $"Unknown kind {(int)kind}: COMPANY, ASSOCIATION or NATURAL_PERSON.");
                return null;
        }
    }

    public PartyId? Identifier(string field, string text)
    {
        if (PartyId.TryParse(text, out var id, out var error))
            return id;
        _violations.Add(RpcErrors.Violation(field, error));
        return null;
    }

    /// <summary>
    /// Whether a list has at most <paramref name="max"/> items; if not, one TOO_MANY and the caller reads none of them
    /// (thousands of bad items would each be a violation).
    /// </summary>
    public bool CountWithin(string field, int count, int max, string items)
    {
        if (count <= max)
            return true;
        Add(field, "TOO_MANY", $"At most {max} {items}; {count} were given.");
        return false;
    }

    /// <summary>Each identifier of a list, unless it has more than <paramref name="max"/> (then none is read).</summary>
    public List<PartyId> Identifiers(string field, IReadOnlyList<string> texts, int max)
    {
        if (!CountWithin(field, texts.Count, max, "identifiers"))
            return [];
        var ids = new List<PartyId>();
        for (var i = 0; i < texts.Count; i++)
            if (Identifier($"{field}[{i}]", texts[i]) is { } id)
                ids.Add(id);
        return ids.Distinct().ToList();
    }

    public List<CustomerNumber> CustomerNumbers(string field, IReadOnlyList<string> texts, int max)
    {
        if (!CountWithin(field, texts.Count, max, "customer numbers per entry"))
            return [];
        var numbers = new List<CustomerNumber>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (CustomerNumber.TryParse(texts[i], out var number, out var error))
                numbers.Add(number);
            else
                _violations.Add(RpcErrors.Violation($"{field}[{i}]", error));
        }
        return numbers.Distinct().ToList();
    }

    /// <summary>Free text: trimmed; empty is null (or REQUIRED); too long or with control characters is a violation.</summary>
    public string? Text(string field, string? value, bool required, int max = MaxTextLength)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required)
                Add(field, "REQUIRED", "This field is required.");
            return null;
        }
        if (text.Length > max)
            Add(field, "TOO_LONG", $"At most {max} characters; this one has {text.Length}.");
        else if (text.Any(char.IsControl))
            Add(field, "CHARACTERS", "Control characters are not allowed.");
        return text;
    }

    public string? ProviderId(string field, string? value, bool required)
    {
        var id = Text(field, value, required, 64);
        if (id is not null && !id.All(ProviderIdCharacters.Contains))
            Add(field, "CHARACTERS", "A provider id has lowercase letters, digits, '-', '_' and '.' only.");
        return id;
    }

    public string? Country(string field, string? value, bool required)
    {
        var country = Text(field, value, required, 2)?.ToUpperInvariant();
        if (country is { Length: <= 2 } && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
            Add(field, "FORMAT", "An ISO 3166 alpha-2 country code such as FR.");
        return country;
    }

    public string? Email(string field, string? value)
    {
        var email = Text(field, value, required: true, Data.Admin.ImportRowParser.MaxEmailLength);
        if (email is not null && !Data.Admin.ImportRowParser.IsEmail(email))
            Add(field, "FORMAT", "Not an e-mail address (name@domain).");
        return email;
    }

    public Channel? Channel(string field, string? value, bool required)
    {
        var text = Text(field, value, required);
        if (text is null)
            return null;
        try
        {
            return DirectoryCodes.Channel(text.ToLowerInvariant());
        }
        catch (InvalidOperationException)
        {
            Add(field, "FORMAT", "One of interoperability, hosted, public_portal, edi, email_pdf, paper.");
            return null;
        }
    }

    public DirectoryMode? Mode(string field, Contracts.Admin.V1.DirectoryMode mode)
    {
        switch (mode)
        {
            case Contracts.Admin.V1.DirectoryMode.Open:
                return DirectoryMode.Open;
            case Contracts.Admin.V1.DirectoryMode.Closed:
                return DirectoryMode.Closed;
            default:
                Add(field, "REQUIRED", "OPEN or CLOSED.");
                return null;
        }
    }

    /// <summary>An optional moment: null when absent, a violation when out of Timestamp's range.</summary>
    public DateTimeOffset? Time(string field, Google.Protobuf.WellKnownTypes.Timestamp? value) => RequestTimestamps.Read(field, value, _violations);

    public int PageSize(string field, int requested, int max)
    {
        if (requested == 0)
            return Math.Min(DefaultPageSize, max);
        if (requested < 0 || requested > max)
            Add(field, "OUT_OF_RANGE", $"A page holds 1 to {max} items.");
        return Math.Clamp(requested, 1, max);
    }
}
