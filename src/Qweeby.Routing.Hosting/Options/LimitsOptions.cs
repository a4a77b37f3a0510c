namespace Qweeby.Routing.Hosting.Options;

/// <summary>
/// The <c>Limits</c> section: bounds every host enforces, validated at start. Services read
/// <see cref="MaxPageSize"/> and <see cref="MaxBatchSize"/> through <c>IOptions&lt;LimitsOptions&gt;</c>
/// and refuse larger requests with INVALID_ARGUMENT.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest gRPC message a host accepts (bytes); larger is RESOURCE_EXHAUSTED. 16 MiB lets 10 MiB documents through with their envelope.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest page a list or search answers.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Most items in one batch call (e.g. ResolveBatch).</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Sustained calls per second per caller (per API key, per partner, or per remote address when unauthenticated).</summary>
    public int RequestsPerSecond { get; set; } = 2000;

    /// <summary>
    /// Longest a unary call may run on the server, whatever deadline the caller sent (or none): past it the call
    /// ends with DEADLINE_EXCEEDED. Streaming calls (watch streams, uploads) are bounded by their own protocol.
    /// </summary>
    public int MaxUnaryCallSeconds { get; set; } = 30;

    /// <summary>The bucket's size: how many calls a caller may make at once after a quiet spell.</summary>
    public int Burst { get; set; } = 4000;
}
