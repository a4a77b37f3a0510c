using Qweeby.Routing.Contracts.Admin.V1;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>qweeby entities and qweeby contacts.</summary>
internal static class EntityCommands
{
    private static Entities.EntitiesClient Client(AdminCall c) => new(c.Invoker);

    public static readonly AdminCommand[] All =
    [
        new("entities", "create", [],
            "Creates an entity (platform administrators): --id once per identifier; --admin-* is its first contact, required with --receiving.",
            ["--name", "--kind", "--country", "--id", "--admin-last-name", "--admin-first-name", "--admin-email"], ["--receiving", "--multi-account"],
            async c => await Client(c).CreateEntityAsync(new CreateEntityRequest
            {
                Kind = Kind(c.One("--kind") ?? "company"), LegalName = c.One("--name") ?? "", Country = c.One("--country") ?? "FR",
                Identifiers = { c.All("--id") }, Contacts = { Contact(c) is { } contact ? [contact] : [] },
                Receiving = c.Has("--receiving"), MultiAccount = c.Has("--multi-account"),
            }, deadline: c.Deadline)),
        new("entities", "show", ["ENTITY"], "Shows an entity: identifiers, contacts, settings, registrations.", [], [],
            async c => await Client(c).GetEntityAsync(new EntityRef { Entity = c.Arg(0) }, deadline: c.Deadline)),
        new("entities", "update", ["ENTITY"], "Changes the name, kind or country; adds or removes identifiers.",
            ["--name", "--kind", "--country", "--add-id", "--remove-id"], [],
            async c =>
            {
                var request = new UpdateEntityRequest { Entity = c.Arg(0), AddIdentifiers = { c.All("--add-id") }, RemoveIdentifiers = { c.All("--remove-id") } };
                if (c.One("--name") is { } name)
                    request.LegalName = name;
                if (c.One("--country") is { } country)
                    request.Country = country;
                if (c.One("--kind") is { } kind)
                    request.Kind = Kind(kind);
                return await Client(c).UpdateEntityAsync(request, deadline: c.Deadline);
            }),
        new("entities", "deactivate", ["ENTITY"], "Deactivates an entity (platform administrators): it answers NON_EXISTENT; never deleted.", [], [],
            async c => await Client(c).DeactivateEntityAsync(new EntityRef { Entity = c.Arg(0) }, deadline: c.Deadline)),
        new("entities", "reactivate", ["ENTITY"], "Reactivates a deactivated entity (platform administrators).", [], [],
            async c => await Client(c).ReactivateEntityAsync(new EntityRef { Entity = c.Arg(0) }, deadline: c.Deadline)),
        new("contacts", "add", ["ENTITY"],
            "Adds a contact; the first one administers the entity, --administrator hands administration over.",
            ["--last-name", "--first-name", "--email"], ["--administrator", "--multi-account"],
            async c => await Client(c).AddContactAsync(new AddContactRequest
            {
                Entity = c.Arg(0), MultiAccount = c.Has("--multi-account"),
                Contact = new NewContact
                {
                    LastName = c.One("--last-name") ?? "", FirstName = c.One("--first-name") ?? "", Email = c.One("--email") ?? "",
                    Role = c.Has("--administrator") ? ContactRole.Administrator : ContactRole.Unspecified,
                },
            }, deadline: c.Deadline)),
    ];

    private static NewContact? Contact(AdminCall c) =>
        c.One("--admin-last-name") is null && c.One("--admin-email") is null ? null
            : new NewContact { LastName = c.One("--admin-last-name") ?? "", FirstName = c.One("--admin-first-name") ?? "", Email = c.One("--admin-email") ?? "" };

    internal static EntityKind Kind(string text) => text.ToLowerInvariant().Replace('-', '_') switch
    {
        "company" => EntityKind.Company,
        "association" => EntityKind.Association,
        "natural_person" => EntityKind.NaturalPerson,
        _ => throw new CliUsageException($"'{text}' is not a kind: company, association or natural-person."),
    };
}
