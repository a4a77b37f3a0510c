using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Directory;
using Qweeby.Routing.Hosting.Grpc;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>The one entity an identifier names, for calls about a sender's transmissions or a recipient's inbox.</summary>
public sealed class PartyLookup(RoutingFactsLoader facts)
{
    /// <param name="field">"sender" or "recipient": the request field, named in errors.</param>
    public async Task<Guid> EntityIdAsync(string field, string reference, CancellationToken ct)
    {
        if (!PartyId.TryParse(reference, out var id, out var error))
            throw RpcErrors.Invalid([RpcErrors.Violation(field, error)]).ToException();
        var found = await facts.FindByIdentifierAsync(id, ct);
        return found.Count == 1 ? found[0].EntityId : throw RpcErrors.PartyNotFound(field, id.ToString(), found.Count).ToException();
    }
}
