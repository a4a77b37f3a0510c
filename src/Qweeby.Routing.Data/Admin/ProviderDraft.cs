using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

/// <summary>A provider to register, or (null members left as they are, "" clearing the certificate) the changes to one.</summary>
public sealed record ProviderDraft(string ProviderId, string? Name, string? Endpoint, Channel? Channel, string? ClientCertSha256, string? ClientCertSubject);
