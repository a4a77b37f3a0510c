using Microsoft.Extensions.Options;

namespace Qweeby.Routing.Server.Exchange;

/// <summary>Refuses to start with exchange settings that cannot work, naming the setting.</summary>
public sealed class ExchangeOptionsValidator : IValidateOptions<ExchangeOptions>
{
    public const int MaxDocumentBytesCeiling = 64 * 1024 * 1024;
    public const long MaxClaimBytesCeiling = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ExchangeOptions o)
    {
        const string s = ExchangeOptions.Section;
        var failures = new List<string>();
        if (o.MaxDocumentBytes is < 1 or > MaxDocumentBytesCeiling)
            failures.Add($"{s}:MaxDocumentBytes {o.MaxDocumentBytes} is out of range: use 1 to {MaxDocumentBytesCeiling} bytes.");
        Positive(failures, $"{s}:SendTimeout", o.SendTimeout);
        Positive(failures, $"{s}:PollInterval", o.PollInterval);
        Positive(failures, $"{s}:SweepInterval", o.SweepInterval);
        Positive(failures, $"{s}:RetryInitialDelay", o.RetryInitialDelay);
        Positive(failures, $"{s}:MaxAge", o.MaxAge);
        if (o.LeaseDuration <= o.SendTimeout)
            failures.Add($"{s}:LeaseDuration {o.LeaseDuration} must be longer than {s}:SendTimeout {o.SendTimeout}: a claim must outlive the call it covers.");
        if (o.RetryMaxDelay < o.RetryInitialDelay)
            failures.Add($"{s}:RetryMaxDelay {o.RetryMaxDelay} is shorter than {s}:RetryInitialDelay {o.RetryInitialDelay}.");
        if (o.Workers is < 0 or > 64)
            failures.Add($"{s}:Workers {o.Workers} is out of range: use 0 (no forwarding on this host) to 64.");
        if (o.BatchSize is < 1 or > 1000)
            failures.Add($"{s}:BatchSize {o.BatchSize} is out of range: use 1 to 1000.");
        if (o.MaxClaimBytes is < 1 or > MaxClaimBytesCeiling)
            failures.Add($"{s}:MaxClaimBytes {o.MaxClaimBytes} is out of range: use 1 to {MaxClaimBytesCeiling} bytes.");
        if (o.MaxAttempts < 1)
            failures.Add($"{s}:MaxAttempts {o.MaxAttempts} must be at least 1.");
        CertificateFiles(failures, o);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CertificateFiles(List<string> failures, ExchangeOptions o)
    {
        const string s = ExchangeOptions.Section;
        if (!string.IsNullOrWhiteSpace(o.ClientCertificatePath))
        {
            if (!File.Exists(o.ClientCertificatePath))
                failures.Add($"{s}:ClientCertificatePath '{o.ClientCertificatePath}' does not exist.");
            else if (!PartnerChannels.IsPkcs12(o.ClientCertificatePath) && string.IsNullOrWhiteSpace(o.ClientCertificateKeyPath))
                failures.Add($"{s}:ClientCertificateKeyPath is missing: a PEM {s}:ClientCertificatePath needs its private key file.");
        }
        if (!string.IsNullOrWhiteSpace(o.ClientCertificateKeyPath) && !File.Exists(o.ClientCertificateKeyPath))
            failures.Add($"{s}:ClientCertificateKeyPath '{o.ClientCertificateKeyPath}' does not exist.");
        if (!string.IsNullOrWhiteSpace(o.PartnerAuthorityPath) && !File.Exists(o.PartnerAuthorityPath))
            failures.Add($"{s}:PartnerAuthorityPath '{o.PartnerAuthorityPath}' does not exist.");
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            failures.Add($"{setting} {value} must be positive, e.g. '00:00:05' for five seconds.");
    }
}
