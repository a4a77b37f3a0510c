namespace Qweeby.Routing.Hosting.Options;

/// <summary>The <c>ConnectionStrings</c> section: where the directory and the cache live.</summary>
public sealed class StorageOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5433;Database=qweeby;Username=qweeby</c>.</summary>
    public string? Postgres { get; set; }

    /// <summary>StackExchange.Redis configuration, e.g. <c>127.0.0.1:6380</c>.</summary>
    public string? Redis { get; set; }
}
