using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

public sealed record ProviderRecord(string ProviderId, string Name, string Endpoint, Channel Channel, bool Active,
    string? ClientCertSha256, string? ClientCertSubject, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
