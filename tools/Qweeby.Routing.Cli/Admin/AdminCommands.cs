namespace Qweeby.Routing.Cli.Admin;

/// <summary>Every admin command, by group (each group's commands are in their own file).</summary>
internal static class AdminCommands
{
    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        .. DirectoryCommands.Settings,
        .. DirectoryCommands.Suppliers,
        .. CustomerCommands.All,
        .. DirectoryCommands.Consent,
        .. DirectoryCommands.Activation,
        .. EntityCommands.All,
        .. ProviderCommands.All,
        .. ImportCommands.All,
        .. AuditCommands.All,
        .. TransmissionCommands.All,
        .. LineCommands.All,
    ];

    public static string GroupSummary(string group) => group switch
    {
        "settings" => "an entity's customer directory and supplier directory, open or closed.",
        "suppliers" => "a receiver's supplier directory: who waits for approval, approve, revoke.",
        "customers" => "a supplier's customer directory: customers, their numbers, pinned providers.",
        "consent" => "consent before e-invoicing, per supplier and customer.",
        "activation" => "routing activation towards customers at other providers.",
        "entities" => "entities (companies, associations, persons): create, show, update, deactivate, reactivate.",
        "contacts" => "an entity's contacts (the first administers it).",
        "providers" => "service providers (access points and channels) and entities' registrations at them.",
        "import" => "bulk import of entities and their administrator contacts from CSV.",
        "audit" => "who changed what, when, before and after.",
        "transmissions" => "operating the invoice exchange: show and list transmissions (routing host), replay (admin host).",
        _ => "",
    };

    /// <summary>Reads an option as a positive number up to <paramref name="max"/> (0 when absent), or says which option is wrong.</summary>
    public static int Number(AdminCall call, string option, int max = int.MaxValue)
    {
        var text = call.One(option);
        if (text is null)
            return 0;
        return int.TryParse(text, out var n) && n > 0 && n <= max ? n
            : throw new CliUsageException(max == int.MaxValue ? $"{option} takes a positive number, not '{text}'." : $"{option} takes a number from 1 to {max}, not '{text}'.");
    }
}
