using Npgsql;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Core.Addressing;
using Qweeby.Routing.Core.Identifiers;
using Qweeby.Routing.Data.Directory;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// The Postgres part of a cache miss alone: the one batch a cold Resolve of a SIRET sends
/// (<see cref="DirectoryFactsStore.FindOwnersWithFactsAsync"/>: the owners of the SIRET and its equivalents with their
/// facts, and the lines at its addresses), called in this process with the hosts' Npgsql settings, without gRPC or
/// Redis. Beside the miss and the PK SELECT, it tells how much of a miss is the directory's SQL and how much the call
/// around it. It walks the directory as the miss scenario does, starting half of it away: at 5M neither reads an entity
/// twice nor the other's in a run; at 10k both wrap around within a round, and every page is in shared buffers anyway.
/// </summary>
public sealed class ColdReadScenario(NpgsqlDataSource db, long entities)
{
    public const string Name = "cold read (the miss's Postgres batch alone)";

    private readonly DirectoryFactsStore _store = new(db);
    private readonly EntityWalk _distinct = new(entities, start: (entities - SyntheticIds.Suppliers) / 2);

    public Task<Measurement> RunAsync(LoadRunner runner, int concurrency)
    {
        return runner.RunAsync(Name, concurrency, async (_, _) =>
        {
            var id = PartyId.Parse("0009:" + SyntheticIds.Siret(_distinct.Next()));
            var target = LineTarget.Of(id)!;
            // As a resolution asks: the SIRET and its equivalents (its SIREN, its French VAT number).
            var ids = id.Equivalents();
            var read = await _store.FindOwnersWithFactsAsync(ids, new LinesAsked(target.Siren, target.Addresses()), CancellationToken.None);
            if (read.Owners.Count != ids.Count)
                throw new InvalidOperationException($"{id}: {read.Owners.Count} of its {ids.Count} identifiers have an owner");
        });
    }
}
