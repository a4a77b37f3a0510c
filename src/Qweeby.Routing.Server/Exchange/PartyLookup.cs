using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>The one entity an identifier names, for calls about a sender's transmissions or a recipient's inbox.</summary>
public sealed class PartyLookup(RoutingFactsLoader facts)
{
    /// <param name="field">"sender" or "recipient": the request field, named in errors.</param>
    /// <param name="demand">
    /// The caller's access check on an entity. It runs on every entity the reference names, and on no entity before
    /// "not found" is answered: a caller limited to some entities learns only that this one is not among them, whether
    /// it exists or not, and hears "ambiguous" only of entities that are all its own.
    /// </param>
    public async Task<Guid> EntityIdAsync(string field, string reference, Action<Guid> demand, CancellationToken ct)
    {
        if (!PartyId.TryParse(reference, out var id, out var error))
            throw RpcErrors.Invalid([RpcErrors.Violation(field, error)]).ToException();
        var found = await facts.FindByIdentifierAsync(id, ct);
        if (found.Count == 0)
            demand(Guid.Empty);
        foreach (var entity in found)
            demand(entity.EntityId);
        return found.Count == 1 ? found[0].EntityId : throw RpcErrors.PartyNotFound(field, id.ToString(), found.Count).ToException();
    }
}
