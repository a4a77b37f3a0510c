namespace Qweeby.Routing.Server.Exchange;

/// <summary>The <c>Exchange</c> section: document limits, forwarding, retries. Validated at start.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>Largest document Submit and Receive accept, in bytes. 10 MiB.</summary>
    public int MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deadline of one call to a partner's Receive.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim holds an outbox row; a worker that dies leaves it due again after this. Longer than <see cref="SendTimeout"/>.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claimed batches a routing host sends at once (one claimer takes them in turn), not counting batches that lingered
    /// past a second for a slow partner (<see cref="OutboxWorker.SlotHold"/>); 0 leaves forwarding to other hosts.
    /// </summary>
    public int Workers { get; set; } = 4;

    /// <summary>Outbox rows one claim takes.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// Document bytes one claim takes at most (the first due invoice always comes, whatever its size): a backlog of large
    /// documents held for a partner back from an outage is read into memory a claim at a time. 32 MiB.
    /// </summary>
    public long MaxClaimBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>How often idle workers and watch streams look for work another host made (this host's own wake them at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often this host's event sequencer looks for unnumbered events from the lowest id, not from a window below the
    /// last ones numbered: an event whose transaction stayed open past that window reaches the streams within this.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the first failed attempt; doubled each time, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a transiently failing invoice is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Age (from acceptance or replay) past which a transiently failing invoice is dead-lettered.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// This platform's client certificate, presented to partners' https endpoints (they know us by its
    /// SHA-256): a PEM file with <see cref="ClientCertificateKeyPath"/>, or a PKCS#12 file (.pfx, .p12).
    /// Empty: none (partners that require one refuse us).
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificateKeyPath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>PEM of the authorities partners' server certificates must chain to. Empty: the system's trusted roots.</summary>
    public string? PartnerAuthorityPath { get; set; }
}
