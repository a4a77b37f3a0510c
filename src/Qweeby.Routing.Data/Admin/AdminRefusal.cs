namespace Qweeby.Routing.Data.Admin;

/// <summary>
/// An admin change the directory's rules refuse; nothing was written (the transaction rolls back).
/// <see cref="Reason"/> is the stable ErrorInfo reason, <see cref="Metadata"/> names what is involved
/// (e.g. <c>holder_entity_id</c> for a taken customer number), the message says what to do.
/// </summary>
public sealed class AdminRefusal(AdminRefusalKind kind, string reason, string message, params (string Key, string Value)[] metadata)
    : Exception(message)
{
    public AdminRefusalKind Kind { get; } = kind;

    public string Reason { get; } = reason;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata.ToDictionary(m => m.Key, m => m.Value);

    public static AdminRefusal EntityNotFound(Guid entityId) =>
        new(AdminRefusalKind.NotFound, "ENTITY_NOT_FOUND", $"No entity {entityId} in the directory.", ("entity_id", entityId.ToString()));

    public static AdminRefusal ProviderNotFound(string providerId) =>
        new(AdminRefusalKind.NotFound, "PROVIDER_NOT_FOUND", $"No service provider '{providerId}': see ListProviders.", ("provider_id", providerId));

    public static AdminRefusal EntryNotFound(Guid supplierId, Guid customerId) =>
        new(AdminRefusalKind.NotFound, "CUSTOMER_ENTRY_NOT_FOUND",
            $"Entity {customerId} is not in the customer directory of {supplierId}: add it first.",
            ("supplier_id", supplierId.ToString()), ("customer_id", customerId.ToString()));
}
