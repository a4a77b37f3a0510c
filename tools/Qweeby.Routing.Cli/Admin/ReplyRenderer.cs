using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// Replies for people (aligned tables and "field: value" lines) or for scripts (<c>--json</c>: the reply message in
/// its canonical proto JSON, default values included, so scripts see every field).
/// </summary>
internal static class ReplyRenderer
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());

    public static string ToJson(IMessage reply) => Json.Format(reply);

    public static void Write(IMessage reply, TextWriter output, string[]? columns)
    {
        var fields = reply.Descriptor.Fields.InFieldNumberOrder();
        var lists = fields.Where(f => f.IsRepeated && f.FieldType == FieldType.Message).ToList();
        if (lists.Count == 1 && fields.All(f => f == lists[0] || !f.IsRepeated))
        {
            // A list reply: its items as a table, then the rest (e.g. the next page's token).
            var items = ((System.Collections.IList)lists[0].Accessor.GetValue(reply)).Cast<IMessage>().ToList();
            WriteTable(items, lists[0].MessageType, output, columns, "");
            foreach (var field in fields.Where(f => f != lists[0]))
                WriteLine(output, "", field.Name, Format(field, field.Accessor.GetValue(reply)));
            return;
        }
        WriteRecord(reply, output, "");
    }

    private static void WriteRecord(IMessage message, TextWriter output, string indent)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated && field.FieldType == FieldType.Message)
            {
                var items = ((System.Collections.IList)value).Cast<IMessage>().ToList();
                output.WriteLine($"{indent}{field.Name}:{(items.Count == 0 ? " -" : "")}");
                if (items.Count > 0)
                    WriteTable(items, field.MessageType, output, null, indent + "  ");
            }
            else
                WriteLine(output, indent, field.Name, Format(field, value));
        }
    }

    private static void WriteTable(List<IMessage> items, MessageDescriptor type, TextWriter output, string[]? columns, string indent)
    {
        var shown = type.Fields.InFieldNumberOrder()
            .Where(f => columns is null ? !(f.IsRepeated && f.FieldType == FieldType.Message) : columns.Contains(f.Name))
            .OrderBy(f => columns is null ? 0 : Array.IndexOf(columns, f.Name)).ToList();
        var rows = items.Select(i => shown.Select(f => Format(f, f.Accessor.GetValue(i))).ToArray()).ToList();
        var header = shown.Select(f => f.Name.ToUpperInvariant()).ToArray();
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
            output.WriteLine(indent + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        if (items.Count == 0)
            output.WriteLine($"{indent}(none)");
    }

    private static void WriteLine(TextWriter output, string indent, string name, string value) => output.WriteLine($"{indent}{name}: {value}");

    private static string Format(FieldDescriptor field, object? value)
    {
        if (field.IsRepeated)
        {
            var items = ((System.Collections.IEnumerable)value!).Cast<object>().Select(v => FormatOne(field, v)).ToList();
            return items.Count == 0 ? "-" : string.Join(",", items);
        }
        return FormatOne(field, value);
    }

    private static string FormatOne(FieldDescriptor field, object? value) => value switch
    {
        null => "-",
        Timestamp t => t.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture),
        string s => s.Length == 0 ? "-" : s,
        bool b => b ? "yes" : "no",
        System.Enum e when field.FieldType == FieldType.Enum => EnumName(field.EnumType, Convert.ToInt32(e, CultureInfo.InvariantCulture)),
        int i when field.FieldType == FieldType.Enum => EnumName(field.EnumType, i),
        IMessage m => m.ToString() ?? "-",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };

    /// <summary>DIRECTORY_MODE_CLOSED reads CLOSED: the enum's own name is a prefix proto style requires, not information.</summary>
    private static string EnumName(EnumDescriptor type, int number)
    {
        var name = type.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture);
        var prefix = new StringBuilder();
        foreach (var c in type.Name)
        {
            if (char.IsUpper(c) && prefix.Length > 0)
                prefix.Append('_');
            prefix.Append(char.ToUpperInvariant(c));
        }
        prefix.Append('_');
        return name.StartsWith(prefix.ToString(), StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }
}
