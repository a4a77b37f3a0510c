using System.Text.Unicode;
using Google.Protobuf.Reflection;

namespace Qweeby.Routing.Hosting.Grpc;

/// <summary>
/// Walks a serialized protobuf message with its descriptor and finds the first string field (nested and
/// repeated included) whose bytes are not UTF-8, without deserializing: no allocation unless one is found.
/// </summary>
internal static class Utf8FieldScan
{
    // Google.Protobuf's own default recursion limit.
    private const int MaxDepth = 100;

    /// <summary>The path of the first non-UTF-8 string field (e.g. <c>recipients[2].identifier</c>), or null when every string is UTF-8
    /// or the bytes are not a message this walk reads (left to the parser, which refuses them).</summary>
    public static string? FindNonUtf8(ReadOnlySpan<byte> message, MessageDescriptor type) =>
        Scan(message, type, 0);

    /// <summary>Whether a message of this type can hold a string anywhere (else there is nothing to check).</summary>
    public static bool HoldsStrings(MessageDescriptor type) => HoldsStrings(type, []);

    private static bool HoldsStrings(MessageDescriptor type, HashSet<MessageDescriptor> seen) =>
        seen.Add(type) && type.Fields.InDeclarationOrder().Any(f =>
            f.FieldType == FieldType.String || (f.FieldType == FieldType.Message && HoldsStrings(f.MessageType, seen)));

    private static string? Scan(ReadOnlySpan<byte> data, MessageDescriptor type, int depth)
    {
        if (depth > MaxDepth)
            return null;
        var pos = 0;
        while (pos < data.Length)
        {
            var fieldStart = pos;
            if (!TryReadVarint(data, ref pos, out var tag))
                return null;
            switch ((int)(tag & 7))
            {
                case 0 when TryReadVarint(data, ref pos, out _):
                    break;
                case 1 when data.Length - pos >= 8:
                    pos += 8;
                    break;
                case 5 when data.Length - pos >= 4:
                    pos += 4;
                    break;
                case 2 when TryReadVarint(data, ref pos, out var length) && length <= (ulong)(data.Length - pos):
                    var payload = data.Slice(pos, (int)length);
                    pos += (int)length;
                    if (tag >> 3 > int.MaxValue || type.FindFieldByNumber((int)(tag >> 3)) is not { } field)
                        break;
                    if (field.FieldType == FieldType.String && !Utf8.IsValid(payload))
                        return NameOf(field, data[..fieldStart]);
                    if (field.FieldType == FieldType.Message && Scan(payload, field.MessageType, depth + 1) is { } inner)
                        return $"{NameOf(field, data[..fieldStart])}.{inner}";
                    break;
                default:
                    // Groups (3, 4) do not exist in proto3; 6 and 7 are no wire type; or the value is cut short.
                    return null;
            }
        }
        return null;
    }

    // A repeated field's index is how many times it came before: counted only once something is found.
    private static string NameOf(FieldDescriptor field, ReadOnlySpan<byte> before)
    {
        if (!field.IsRepeated || field.IsMap)
            return field.Name;
        var index = 0;
        var pos = 0;
        while (pos < before.Length && TryReadVarint(before, ref pos, out var tag))
        {
            if ((tag & 7) == 2 && TryReadVarint(before, ref pos, out var length))
            {
                pos += (int)length;
                if (tag >> 3 == (ulong)field.FieldNumber)
                    index++;
            }
            else if ((tag & 7) == 0)
                TryReadVarint(before, ref pos, out _);
            else
                pos += (tag & 7) == 1 ? 8 : 4;
        }
        return $"{field.Name}[{index}]";
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> data, ref int pos, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }
}
