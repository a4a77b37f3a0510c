using System.Globalization;
using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Fresh, valid identifiers so every test owns its data in a shared database.</summary>
public static class TestIds
{
    // SIRENs are drawn in sequence from a random start: random draws in a 90-million space collided about once
    // in a few hundred runs (two tests' companies sharing a SIRET in one fixture's database).
    private static int s_lastSirenBody = Random.Shared.Next(10_000_000, 50_000_000);

    public static string Siren()
    {
        while (true)
        {
            var body = Interlocked.Increment(ref s_lastSirenBody).ToString(CultureInfo.InvariantCulture);
            var siren = body + LuhnDigit(body);
            if (siren != "356000000")
                return siren;
        }
    }

    /// <summary>A SIRET of the given SIREN, establishment number <paramref name="nic"/> (4 digits, check digit added).</summary>
    public static string Siret(string siren, int nic = 1)
    {
        var body = siren + nic.ToString("0000", CultureInfo.InvariantCulture);
        return body + LuhnDigit(body);
    }

    public static string Vat(string siren) => FrenchVat.FromSiren(siren).Value;

    private static char LuhnDigit(string body)
    {
        for (var d = 0; d <= 9; d++)
            if (IsLuhn(body + d))
                return (char)('0' + d);
        throw new InvalidOperationException("unreachable");
    }

    private static bool IsLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1 && (d *= 2) > 9)
                d -= 9;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
