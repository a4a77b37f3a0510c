namespace Qweeby.Routing.Data.Admin;

/// <summary>Contacts: one e-mail per contact platform-wide (but multi-account ones); the first contact administers the entity.</summary>
internal static class ContactRules
{
    /// <summary>
    /// Refuses an e-mail another (non multi-account) contact already has. The refusal names the holder's entity only
    /// to a caller who administers it: anyone else would learn another tenant's entity from an e-mail address.
    /// </summary>
    public static async Task DemandEmailFreeAsync(AdminTransaction tx, string email, bool multiAccount, Func<Guid, bool> callerAdministers,
        CancellationToken ct)
    {
        if (multiAccount)
            return;
        var holder = await tx.ScalarAsync<Guid?>("SELECT entity_id FROM contact WHERE lower(email) = lower($1) AND NOT multi_account LIMIT 1", ct, email);
        if (holder is not { } h)
            return;
        if (callerAdministers(h))
            throw new AdminRefusal(AdminRefusalKind.Conflict, "EMAIL_TAKEN",
                $"{email} is already the e-mail of a contact of entity {h}: one e-mail belongs to one contact (use a multi-account import for an accountant's clients).",
                ("email", email), ("holder_entity_id", h.ToString()));
        throw new AdminRefusal(AdminRefusalKind.Conflict, "EMAIL_TAKEN",
            $"{email} is already the e-mail of a contact of an entity you do not administer: one e-mail belongs to one contact, give another one.",
            ("email", email));
    }

    /// <summary>
    /// Adds a contact. With no active administrator it becomes the administrator whatever was asked; asked to be
    /// administrator when there is one, it takes over and the former one stays as a member.
    /// </summary>
    public static async Task AddAsync(AdminTransaction tx, Guid entityId, ContactDraft contact, bool multiAccount, Func<Guid, bool> callerAdministers,
        CancellationToken ct)
    {
        await DemandEmailFreeAsync(tx, contact.Email, multiAccount, callerAdministers, ct);
        var hasAdministrator = await tx.ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM contact WHERE entity_id = $1 AND role = 'administrator' AND status = 'active')", ct, entityId);
        var administrator = !hasAdministrator || contact.WantsAdministrator == true;
        if (administrator && hasAdministrator)
            await tx.ExecAsync("UPDATE contact SET role = 'member' WHERE entity_id = $1 AND role = 'administrator' AND status = 'active'", ct, entityId);
        await tx.ExecAsync("""
            INSERT INTO contact (contact_id, entity_id, last_name, first_name, email, role, multi_account, registered_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())
            """, ct, Guid.NewGuid(), entityId, contact.LastName, contact.FirstName, contact.Email, administrator ? "administrator" : "member", multiAccount);
    }
}
