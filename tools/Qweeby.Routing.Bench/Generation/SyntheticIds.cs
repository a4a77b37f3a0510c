using System.Buffers.Binary;

namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// The identifiers of synthetic entity number <c>i</c>, computed rather than stored, so that the load generator
/// can address any entity of the directory without reading it back. Every number passes its check digits.
/// </summary>
public static class SyntheticIds
{
    public const int Suppliers = 100;

    // Fixed leading bytes mark bench rows; the entity number fills the last eight.
    private static readonly byte[] EntityPrefix = [0xbe, 0x4c, 0x40, 0x00, 0x00, 0x00, 0x40, 0x00];
    private static readonly byte[] ContactPrefix = [0xbe, 0x4c, 0x40, 0x00, 0x00, 0x01, 0x40, 0x00];
    private static readonly byte[] EntryPrefix = [0xbe, 0x4c, 0x40, 0x00, 0x00, 0x02, 0x40, 0x00];

    public static Guid EntityId(long i) => Id(EntityPrefix, i);
    public static Guid ContactId(long i) => Id(ContactPrefix, i);
    public static Guid EntryId(long i) => Id(EntryPrefix, i);

    /// <summary>9 digits, Luhn-valid, never starting with 0 (no Monaco-style VAT) nor La Poste's 356.</summary>
    public static string Siren(long i)
    {
        if (i >= 80_000_000)
            throw new ArgumentOutOfRangeException(nameof(i), "At most 80 million synthetic entities.");
        Span<char> digits = stackalloc char[9];
        Write(digits[..8], 10_000_000 + i);
        digits[8] = (char)('0' + LuhnCheckDigit(digits[..8]));
        return new string(digits);
    }

    /// <summary>The head office: SIREN + NIC 0001x, the whole 14 digits Luhn-valid.</summary>
    public static string Siret(long i)
    {
        Span<char> digits = stackalloc char[14];
        Siren(i).CopyTo(digits);
        "0001".CopyTo(digits[9..]);
        digits[13] = (char)('0' + LuhnCheckDigit(digits[..13]));
        return new string(digits);
    }

    /// <summary>FR + numeric key + SIREN (the key is (12 + 3 × (SIREN mod 97)) mod 97).</summary>
    public static string FrenchVat(long i)
    {
        var siren = Siren(i);
        return $"FR{VatKey(siren):D2}{siren}";
    }

    /// <summary>Entity numbers 0..n-1 ordered by their VAT number: by key, then by SIREN (a counting sort on the key).</summary>
    public static int[] InVatOrder(long n)
    {
        var keys = new byte[n];
        var counts = new int[98];
        for (long i = 0; i < n; i++)
            counts[(keys[i] = (byte)VatKey(Siren(i))) + 1]++;
        for (var k = 1; k < counts.Length; k++)
            counts[k] += counts[k - 1];
        var order = new int[n];
        for (long i = 0; i < n; i++)
            order[counts[keys[i]]++] = (int)i;
        return order;
    }

    private static long VatKey(string siren) => (12 + 3 * (long.Parse(siren) % 97)) % 97;

    /// <summary>13 digits with the GS1 mod-10 check digit.</summary>
    public static string Gln(long i)
    {
        Span<char> digits = stackalloc char[13];
        "379".CopyTo(digits);
        Write(digits[3..12], i);
        var sum = 0;
        var weight = 3;
        for (var d = 11; d >= 0; d--)
        {
            sum += (digits[d] - '0') * weight;
            weight = 4 - weight;
        }
        digits[12] = (char)('0' + (10 - sum % 10) % 10);
        return new string(digits);
    }

    /// <summary>A supplier's own code for its k-th customer, already in normalized form.</summary>
    public static string CustomerNumber(int supplier, long k) => $"C{supplier:D3}-{k:D7}";

    /// <summary>Entities 0..99 are the suppliers; each has one entry per customer, customers spread over the rest.</summary>
    public static long CustomersPerSupplier(long entities) => Math.Min(50_000, Math.Max(1, (entities - Suppliers) / Suppliers));

    public static long CustomerOf(int supplier, long k, long entities) =>
        Suppliers + (supplier * CustomersPerSupplier(entities) + k) % (entities - Suppliers);

    private static Guid Id(byte[] prefix, long i)
    {
        Span<byte> bytes = stackalloc byte[16];
        prefix.CopyTo(bytes);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], i);
        return new Guid(bytes, bigEndian: true);
    }

    private static void Write(Span<char> into, long value)
    {
        for (var d = into.Length - 1; d >= 0; d--, value /= 10)
            into[d] = (char)('0' + value % 10);
    }

    private static int LuhnCheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubled = true;
        for (var d = payload.Length - 1; d >= 0; d--, doubled = !doubled)
        {
            var v = payload[d] - '0';
            if (doubled && (v *= 2) > 9)
                v -= 9;
            sum += v;
        }
        return (10 - sum % 10) % 10;
    }
}
