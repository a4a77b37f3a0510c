using Qweeby.Routing.Core.Identifiers;

namespace Qweeby.Routing.Admin.Grpc;

/// <summary>How a request named an entity: by entity id, or by an identifier in any form (parsed).</summary>
public readonly record struct EntityReference(string Text, Guid? Id, PartyId? Identifier)
{
    public override string ToString() => Id?.ToString() ?? Identifier?.ToString() ?? Text;
}
