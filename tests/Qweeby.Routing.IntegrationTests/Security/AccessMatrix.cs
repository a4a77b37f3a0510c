using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Qweeby.Routing.Contracts.Admin.V1;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Core.Security;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// For every RPC of both hosts: who may call it. Every persona not allowed must be refused, with the
/// status and reason <see cref="ExpectedRefusal"/> gives. Add a row for each new RPC, with the
/// personas its [Authorize] policy and entity checks let through (see <see cref="Persona"/>).
/// </summary>
public static class AccessMatrix
{
    public static readonly IReadOnlySet<Persona> Everyone = Enum.GetValues<Persona>().ToHashSet();

    /// <summary>Every persona with valid credentials.</summary>
    public static readonly IReadOnlySet<Persona> Authenticated = new HashSet<Persona>
    {
        Persona.ResolveOnly, Persona.SubmitOnly, Persona.AccountAdministrator, Persona.Operator, Persona.PlatformAdministrator, Persona.Partner,
    };

    // Before Rules: static fields initialize in order.
    private static readonly ResolveRequest PublicResolve = new() { Recipient = new RecipientReference { Identifier = "732829320" } };

    /// <summary>A valid SIRET no test registers.</summary>

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        .. OnBothHosts("grpc.health.v1.Health/Check", Everyone,
            async (invoker, c) => await new Health.HealthClient(invoker).CheckAsync(new(), cancellationToken: c.Ct)),
        .. OnBothHosts("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", Authenticated, ListServicesAsync),
        .. OnBothHosts("qweeby.routing.v1.Identity/WhoAmI", Authenticated,
            async (invoker, c) => await new Identity.IdentityClient(invoker).WhoAmIAsync(new(), cancellationToken: c.Ct)),

        // Public directory: internal callers with the Resolve role (platform administrators too).
        new("qweeby.routing.v1.RecipientDirectory/Resolve", HostKind.Routing, Set(Persona.ResolveOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new RecipientDirectory.RecipientDirectoryClient(invoker).ResolveAsync(PublicResolve, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.RecipientDirectory/Explain", HostKind.Routing, Set(Persona.ResolveOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new RecipientDirectory.RecipientDirectoryClient(invoker).ExplainAsync(PublicResolve, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.RecipientDirectory/ResolveBatch", HostKind.Routing, Set(Persona.ResolveOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new RecipientDirectory.RecipientDirectoryClient(invoker).ResolveBatchAsync(
                new ResolveBatchRequest { Recipients = { PublicResolve.Recipient } }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.RecipientDirectory/Search", HostKind.Routing, Set(Persona.ResolveOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new RecipientDirectory.RecipientDirectoryClient(invoker).SearchAsync(new SearchRequest { Query = "acme" }, cancellationToken: c.Ct)),

        // Exchange: suppliers' platforms submit and take from inboxes (Submit), partners deliver (certificate
        // only), transmissions are read by their submitters or operators. Requests are refused after
        // authorization (INVALID_ARGUMENT, NOT_FOUND), which counts as allowed.
        new("qweeby.routing.v1.Exchange/Submit", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).SubmitAsync(new SubmitRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/Receive", HostKind.Routing, Set(Persona.Partner),
            async (invoker, c) => await new ExchangeClient(invoker).ReceiveAsync(new ReceiveRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/GetTransmission", HostKind.Routing, Set(Persona.SubmitOnly, Persona.Operator, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).GetTransmissionAsync(
                new GetTransmissionRequest { TransmissionId = Guid.NewGuid().ToString() }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/ListTransmissions", HostKind.Routing, Set(Persona.SubmitOnly, Persona.Operator, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).ListTransmissionsAsync(
                new ListTransmissionsRequest { Sender = AccessMatrixFixture.EntityASiret }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/WatchTransmissions", HostKind.Routing, Set(Persona.SubmitOnly, Persona.Operator, Persona.PlatformAdministrator),
            WatchSenderAAsync),
        new("qweeby.routing.v1.Exchange/FetchInbox", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).FetchInboxAsync(new FetchInboxRequest { Recipient = AccessMatrixFixture.EntityASiret }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/AcknowledgeInbox", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).AcknowledgeInboxAsync(new AcknowledgeInboxRequest(), cancellationToken: c.Ct)),
        // Lifecycle statuses: set by the invoice's sender or recipient (Submit), read by them or operators,
        // streamed to a recipient's services (Submit), delivered by partners (certificate only).
        new("qweeby.routing.v1.Exchange/SetStatus", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).SetStatusAsync(
                new SetStatusRequest { TransmissionId = Guid.NewGuid().ToString(), Code = LifecycleCode.Approved }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/GetTimeline", HostKind.Routing, Set(Persona.SubmitOnly, Persona.Operator, Persona.PlatformAdministrator),
            async (invoker, c) => await new ExchangeClient(invoker).GetTimelineAsync(
                new GetTimelineRequest { TransmissionId = Guid.NewGuid().ToString() }, cancellationToken: c.Ct)),
        new("qweeby.routing.v1.Exchange/WatchInbox", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator), WatchInboxOfAAsync),
        new("qweeby.routing.v1.Exchange/ReceiveStatus", HostKind.Routing, Set(Persona.Partner),
            async (invoker, c) => await new ExchangeClient(invoker).ReceiveStatusAsync(new ReceiveStatusRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.ExchangeOperations/ReplayStatus", HostKind.Admin, Set(Persona.Operator, Persona.PlatformAdministrator),
            async (invoker, c) => await new Contracts.Admin.V1.ExchangeOperations.ExchangeOperationsClient(invoker).ReplayStatusAsync(
                new Contracts.Admin.V1.ReplayStatusRequest { TransmissionId = Guid.NewGuid().ToString(), StatusId = Guid.NewGuid().ToString(), Reason = "access matrix" },
                cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.ExchangeOperations/Replay", HostKind.Admin, Set(Persona.Operator, Persona.PlatformAdministrator),
            async (invoker, c) => await new Contracts.Admin.V1.ExchangeOperations.ExchangeOperationsClient(invoker).ReplayAsync(
                new Contracts.Admin.V1.ReplayRequest { TransmissionId = Guid.NewGuid().ToString(), Reason = "access matrix" }, cancellationToken: c.Ct)),

        // French directory lines: platform administrators only.
        new("qweeby.routing.admin.v1.DirectoryLines/CreateLine", HostKind.Admin, Set(Persona.PlatformAdministrator),
            async (invoker, c) => await new DirectoryLines.DirectoryLinesClient(invoker).CreateLineAsync(new CreateLineRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.DirectoryLines/EndLine", HostKind.Admin, Set(Persona.PlatformAdministrator),
            async (invoker, c) => await new DirectoryLines.DirectoryLinesClient(invoker).EndLineAsync(new EndLineRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.DirectoryLines/SwitchProvider", HostKind.Admin, Set(Persona.PlatformAdministrator),
            async (invoker, c) => await new DirectoryLines.DirectoryLinesClient(invoker).SwitchProviderAsync(new SwitchProviderRequest(), cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.DirectoryLines/GetLines", HostKind.Admin, Set(Persona.PlatformAdministrator),
            async (invoker, c) => await new DirectoryLines.DirectoryLinesClient(invoker).GetLinesAsync(new GetLinesRequest { Entity = "732829320" }, cancellationToken: c.Ct)),
        new("qweeby.routing.admin.v1.DirectoryLines/ImportMirror", HostKind.Admin, Set(Persona.PlatformAdministrator), ImportEmptyMirrorAsync),

        // The test-only AccessProbe: one method per kind of check, until the real RPCs have rows.
        new("qweeby.test.AccessProbe/Resolve", HostKind.Routing, Set(Persona.ResolveOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new AccessProbe.AccessProbeClient(invoker).ResolveAsync(new(), cancellationToken: c.Ct)),
        new("qweeby.test.AccessProbe/Administer", HostKind.Routing, Set(Persona.PlatformAdministrator),
            async (invoker, c) => await new AccessProbe.AccessProbeClient(invoker).AdministerAsync(new(), cancellationToken: c.Ct)),
        new("qweeby.test.AccessProbe/Receive", HostKind.Routing, Set(Persona.Partner),
            async (invoker, c) => await new AccessProbe.AccessProbeClient(invoker).ReceiveAsync(new(), cancellationToken: c.Ct)),
        new("qweeby.test.AccessProbe/SubmitFor(entity A)", HostKind.Routing, Set(Persona.SubmitOnly, Persona.PlatformAdministrator),
            async (invoker, c) => await new AccessProbe.AccessProbeClient(invoker).SubmitForAsync(new() { EntityId = c.EntityA.ToString() }, cancellationToken: c.Ct)),

        // Admin host: directory administration (rows in AdminAccessRules).
        .. AdminAccessRules.Rules,
    ];

    /// <summary>How a persona not allowed is refused.</summary>
    public static (StatusCode Code, string Reason) ExpectedRefusal(Persona persona) => persona switch
    {
        Persona.Anonymous => (StatusCode.Unauthenticated, SecurityReasons.CredentialsMissing),
        Persona.UnknownKey => (StatusCode.Unauthenticated, SecurityReasons.CredentialsInvalid),
        Persona.RevokedKey => (StatusCode.Unauthenticated, SecurityReasons.CredentialsRevoked),
        Persona.SuspendedPartner => (StatusCode.Unauthenticated, SecurityReasons.ProviderSuspended),
        Persona.UnknownCertificate => (StatusCode.Unauthenticated, SecurityReasons.CertificateUnknown),
        _ => (StatusCode.PermissionDenied, SecurityReasons.RoleRequired),
    };

    public static TheoryData<string, HostKind, Persona> Cases()
    {
        var cases = new TheoryData<string, HostKind, Persona>();
        foreach (var rule in Rules)
            foreach (var persona in Enum.GetValues<Persona>())
                cases.Add(rule.Method, rule.Host, persona);
        return cases;
    }

    private static IEnumerable<AccessRule> OnBothHosts(string method, IReadOnlySet<Persona> allowed, Func<CallInvoker, AccessContext, Task> invoke) =>
        [new(method, HostKind.Routing, allowed, invoke), new(method, HostKind.Admin, allowed, invoke)];

    private static HashSet<Persona> Set(params Persona[] personas) => [.. personas];

    private static Task WatchSenderAAsync(CallInvoker invoker, AccessContext c) => WatchBrieflyAsync(
        new ExchangeClient(invoker).WatchTransmissions(new WatchTransmissionsRequest { Sender = AccessMatrixFixture.EntityASiret }), c.Ct);

    private static Task WatchInboxOfAAsync(CallInvoker invoker, AccessContext c) => WatchBrieflyAsync(
        new ExchangeClient(invoker).WatchInbox(new WatchInboxRequest { Recipient = AccessMatrixFixture.EntityASiret }), c.Ct);

    /// <summary>A refused watch ends with its status; an accepted one (entity A's, nothing in it) is still open after a second.</summary>
    private static async Task WatchBrieflyAsync<T>(AsyncServerStreamingCall<T> call, CancellationToken ct)
    {
        using (call)
        {
            using var brief = CancellationTokenSource.CreateLinkedTokenSource(ct);
            brief.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                await call.ResponseStream.MoveNext(brief.Token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && brief.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Still open: accepted.
            }
        }
    }

    private static async Task ImportEmptyMirrorAsync(CallInvoker invoker, AccessContext c)
    {
        using var call = new DirectoryLines.DirectoryLinesClient(invoker).ImportMirror(cancellationToken: c.Ct);
        try
        {
            await call.RequestStream.WriteAsync(new ImportMirrorChunk { Mode = MirrorMode.Delta }, c.Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refused call can end before the request is written; its real status comes with the response.
        }
        await call;
    }

    private static async Task ListServicesAsync(CallInvoker invoker, AccessContext c)
    {
        using var call = new ServerReflection.ServerReflectionClient(invoker).ServerReflectionInfo(cancellationToken: c.Ct);
        try
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, c.Ct);
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refused call can end before the request is written; its real status comes with the response.
        }
        while (await call.ResponseStream.MoveNext(c.Ct))
        {
        }
    }
}
