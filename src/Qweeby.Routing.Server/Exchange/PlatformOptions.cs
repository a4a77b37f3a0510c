namespace Qweeby.Routing.Server.Exchange;

/// <summary>The <c>Platform</c> section: who this access point is in the directory.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>
    /// This platform's service provider id (its <c>service_provider</c> row, channel 'hosted'). Recipients
    /// registered there are hosted here and may receive through Receive; forwarded invoices name it as
    /// their sending partner.
    /// </summary>
    public string ProviderId { get; set; } = "qweeby";
}
