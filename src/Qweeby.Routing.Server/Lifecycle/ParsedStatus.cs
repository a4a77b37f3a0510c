using Qweeby.Routing.Core.Lifecycle;

namespace Qweeby.Routing.Server.Lifecycle;

/// <summary>A valid SetStatus request's status.</summary>
/// <param name="StatusId">The caller's own status id, if it gave one.</param>
internal sealed record ParsedStatus(Guid? StatusId, LifecycleCode Code, string ReasonCode, string Reason, decimal? Amount, string? Currency);
