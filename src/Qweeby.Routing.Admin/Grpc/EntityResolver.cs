using Grpc.Core;
using Qweeby.Routing.Data.Admin;
using Qweeby.Routing.Hosting.Grpc;
using Qweeby.Routing.Hosting.Security;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>
/// Turns parsed entity references into entity ids, and checks the caller may administer the ones it changes.
/// A caller scoped to some entities learns nothing about others, not even whether they exist.
/// </summary>
public sealed class EntityResolver(EntityLookup lookup)
{
    /// <summary>The entity, or null when the directory has none (a SIREN matching several is ENTITY_AMBIGUOUS).</summary>
    public async Task<Guid?> FindAsync(string field, EntityReference reference, CancellationToken ct)
    {
        var owners = await OwnersAsync(reference, ct);
        return owners.Count switch
        {
            0 => null,
            1 => owners[0],
            _ => throw Ambiguous(field, reference, owners.Count),
        };
    }

    /// <summary>The entity, which must exist (NOT_FOUND otherwise); no scope check (the other party of a relation).</summary>
    public async Task<Guid> ResolveAsync(string field, EntityReference reference, CancellationToken ct) =>
        await FindAsync(field, reference, ct) ?? throw RpcErrors.EntityNotFound(field, reference.ToString()).ToException();

    /// <summary>
    /// The entity, if the caller may administer it: PERMISSION_DENIED outside its scope; NOT_FOUND, or ENTITY_AMBIGUOUS
    /// when every entity the reference names is its own, only inside.
    /// </summary>
    public async Task<Guid> ResolveAdministeredAsync(ServerCallContext context, string field, EntityReference reference)
    {
        var owners = await OwnersAsync(reference, context.CancellationToken);
        foreach (var owner in owners)
            context.DemandMayAdminister(owner);
        if (owners.Count == 1)
            return owners[0];
        if (owners.Count > 1)
            throw Ambiguous(field, reference, owners.Count);
        var caller = context.GetCaller();
        if (reference.Id is { } asked ? !caller.MayAdminister(asked) : !caller.Scope.IsAll)
            context.DemandMayAdminister(reference.Id ?? Guid.Empty);
        throw RpcErrors.EntityNotFound(field, reference.ToString()).ToException();
    }

    private async Task<IReadOnlyList<Guid>> OwnersAsync(EntityReference reference, CancellationToken ct) =>
        reference.Id is { } id
            ? await lookup.ExistsAsync(id, ct) ? [id] : []
            : await lookup.FindAsync(reference.Identifier!.Value, ct);

    private static RpcException Ambiguous(string field, EntityReference reference, int matches) =>
        RpcErrors.EntityAmbiguous(field, reference.ToString(), matches).ToException();
}
