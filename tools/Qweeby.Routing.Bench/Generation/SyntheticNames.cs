namespace Qweeby.Routing.Bench.Generation;

/// <summary>
/// Company names as a directory holds them: a trade, a family name and a town, some accented, so that name
/// search meets realistic match counts (a trade alone matches thousands, trade + name + town a handful).
/// </summary>
public static class SyntheticNames
{
    private static readonly string[] Trades =
    [
        "Boulangerie", "Menuiserie", "Société", "Garage", "Pharmacie", "Transports", "Cabinet", "Atelier",
        "Électricité", "Plomberie", "Librairie", "Fromagerie", "Imprimerie", "Maçonnerie", "Brasserie", "Optique",
        "Quincaillerie", "Charcuterie", "Informatique", "Conseil", "Peinture", "Toiture", "Pâtisserie", "Épicerie",
    ];

    private static readonly string[] Families =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
        "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
    ];

    private static readonly string[] Towns =
    [
        "Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille",
        "Rennes", "Reims", "Le Havre", "Saint-Étienne", "Toulon", "Grenoble", "Dijon", "Angers", "Nîmes", "Villeurbanne",
        "Clermont-Ferrand", "Le Mans", "Aix-en-Provence", "Brest", "Tours", "Amiens", "Limoges", "Annecy", "Perpignan", "Metz",
        "Besançon", "Orléans", "Rouen", "Mulhouse", "Caen", "Nancy", "Argenteuil", "Montreuil", "Roubaix", "Avignon",
    ];

    private static readonly string[] Forms = ["SARL", "SAS", "SA", "EURL", "SCI", "SNC"];

    public static string LegalName(long i)
    {
        // Mixed so that neighbouring entities differ in every part.
        var h = (ulong)i * 0x9E3779B97F4A7C15UL;
        var trade = Trades[(int)(h % (ulong)Trades.Length)];
        var family = Families[(int)(h / 31 % (ulong)Families.Length)];
        var town = Towns[(int)(h / 1_597 % (ulong)Towns.Length)];
        var form = Forms[(int)(h / 87_383 % (ulong)Forms.Length)];
        return $"{trade} {family} {town} {form} {i % 1_000:D3}";
    }

    /// <summary>What a person types to find entity i: its family name and town (matches about N / 2,000 entities).</summary>
    public static string SearchFragment(long i)
    {
        var parts = LegalName(i).Split(' ');
        return $"{parts[1]} {parts[2]}";
    }
}
