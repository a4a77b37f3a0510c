using Qweeby.Routing.Bench.Scenarios;

namespace Qweeby.Routing.Bench.Report;

/// <summary>Which same-run baseline each scenario is divided by.</summary>
public static class BaselineOf
{
    public static string? Scenario(string scenario) => scenario switch
    {
        DirectoryScenarios.ResolveHit or DirectoryScenarios.ResolveCustomerNumber or DirectoryScenarios.ResolveBatch => Baselines.EmptyGrpc,
        DirectoryScenarios.ResolveL2 => Baselines.RedisGet,
        DirectoryScenarios.ResolveMiss or ColdReadScenario.Name or DirectoryScenarios.SearchByName => Baselines.PrimaryKeySelect,
        SubmitScenario.Name or RelayFloorScenario.Name => Baselines.Insert20K,
        _ => null,
    };
}
