using Qweeby.Routing.Core.Directory;

namespace Qweeby.Routing.Data.Admin;

public sealed record EntitySettingsRecord(Guid EntityId, string LegalName, DirectoryMode CustomerDirectory, DirectoryMode SupplierDirectory, DateTimeOffset UpdatedAt);
