namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Redis key prefixes of their own, so concurrent tests never share cache entries.</summary>
public static class Keys
{
    public static string Unique() => $"qrt{Guid.NewGuid():N}"[..16];
}
