namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>What the cache tests cache: any JSON-serializable class will do.</summary>
public sealed record Fact(string Value);
