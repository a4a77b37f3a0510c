namespace Qweeby.Routing.Server.Exchange;

/// <summary>The <c>Platform</c> section: who this access point is in the directory.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>
    /// This platform's service provider id (its <c>service_provider</c> row, channel 'hosted'). Recipients
    /// registered there (or whose French directory line names it) are hosted here and may receive through
    /// Receive; invoices between two entities hosted here are recorded as delivered by it.
    /// </summary>
    public string ProviderId { get; set; } = "qweeby";
}
