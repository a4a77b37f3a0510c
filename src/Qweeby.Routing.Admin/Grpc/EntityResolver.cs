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
        if (reference.Id is { } id)
            return await lookup.ExistsAsync(id, ct) ? id : null;
        var owners = await lookup.FindAsync(reference.Identifier!.Value, ct);
        return owners.Count switch
        {
            0 => null,
            1 => owners[0],
            _ => throw RpcErrors.EntityAmbiguous(field, reference.ToString(), owners.Count).ToException(),
        };
    }

    /// <summary>The entity, which must exist (NOT_FOUND otherwise); no scope check (the other party of a relation).</summary>
    public async Task<Guid> ResolveAsync(string field, EntityReference reference, CancellationToken ct) =>
        await FindAsync(field, reference, ct) ?? throw RpcErrors.EntityNotFound(field, reference.ToString()).ToException();

    /// <summary>The entity, if the caller may administer it: PERMISSION_DENIED outside its scope, NOT_FOUND only inside.</summary>
    public async Task<Guid> ResolveAdministeredAsync(ServerCallContext context, string field, EntityReference reference)
    {
        var found = await FindAsync(field, reference, context.CancellationToken);
        if (found is { } id)
        {
            context.DemandMayAdminister(id);
            return id;
        }
        var caller = context.GetCaller();
        if (reference.Id is { } asked ? !caller.MayAdminister(asked) : !caller.Scope.IsAll)
            context.DemandMayAdminister(reference.Id ?? Guid.Empty);
        throw RpcErrors.EntityNotFound(field, reference.ToString()).ToException();
    }
}
