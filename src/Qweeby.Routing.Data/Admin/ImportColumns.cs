using nietras.SeparatedValues;

namespace Qweeby.Routing.Data.Admin;

/// <summary>The columns of an entity import file (README "CSV import format"), found by name in its header, in any order.</summary>
internal sealed class ImportColumns
{
    public static readonly string[] Known =
        ["legal_name", "kind", "country", "siret", "siren", "vat", "identifiers", "contact_last_name", "contact_first_name", "contact_email"];

    public static readonly string[] IdentifierColumns = ["siret", "siren", "vat", "identifiers"];

    private readonly Dictionary<string, int> _index;

    private ImportColumns(Dictionary<string, int> index) => _index = index;

    public static ImportColumns Of(SepReaderHeader header)
    {
        if (header.IsEmpty)
            throw new ImportFormatException("header", "The file is empty: its first line must name the columns (" + string.Join(",", Known) + ").");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = header.ColNames.Select(n => n.Trim().ToLowerInvariant()).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (!Known.Contains(names[i]))
                throw new ImportFormatException("header", $"Unknown column '{names[i]}': the columns are {string.Join(", ", Known)}.");
            if (!index.TryAdd(names[i], i))
                throw new ImportFormatException("header", $"Column '{names[i]}' appears twice.");
        }
        if (!index.ContainsKey("legal_name"))
            throw new ImportFormatException("header", "Column legal_name is required.");
        if (!IdentifierColumns.Any(index.ContainsKey))
            throw new ImportFormatException("header", "At least one identifier column is required: siret, siren, vat or identifiers.");
        return new ImportColumns(index);
    }

    /// <summary>The trimmed value of a column in this row; empty when the file has no such column.</summary>
    public string Get(SepReader.Row row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.ColCount ? row[i].Span.Trim().ToString() : "";
}
