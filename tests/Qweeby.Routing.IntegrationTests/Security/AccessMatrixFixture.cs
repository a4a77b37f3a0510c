using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Qweeby.Routing.Admin;
using Qweeby.Routing.Core.Security;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Security;

/// <summary>
/// Both hosts over TLS (client certificates allowed, run-time authority), the test-only AccessProbe on
/// the routing host, and one credential per <see cref="Persona"/>.
/// </summary>
public sealed class AccessMatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<Persona, string> _tokens = [];
    private readonly Dictionary<Persona, System.Security.Cryptography.X509Certificates.X509Certificate2> _certificates = [];
    private readonly Dictionary<(HostKind, Persona), CallInvoker> _invokers = [];
    private TestDatabase _database = null!;
    private TestTls _tls = null!;
    private RunningHost _routing = null!;
    private RunningHost _admin = null!;

    /// <summary>The one entity the scoped personas act for; in the directory as <see cref="EntityASiret"/>.</summary>
    public Guid EntityA { get; } = Guid.NewGuid();

    public const string EntityASiret = "55203253400646";

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _tls = TestTls.Create();
        _tokens[Persona.UnknownKey] = TestCredentials.Unknown();
        _tokens[Persona.RevokedKey] = await TestCredentials.IssueAsync(_database, Enum.GetValues<Role>().Where(r => r != Role.Partner).ToArray());
        await TestCredentials.RevokeAsync(_database, _tokens[Persona.RevokedKey]);
        _tokens[Persona.ResolveOnly] = await TestCredentials.IssueAsync(_database, [Role.Resolve], [EntityA]);
        _tokens[Persona.SubmitOnly] = await TestCredentials.IssueAsync(_database, [Role.Submit], [EntityA]);
        _tokens[Persona.AccountAdministrator] = await TestCredentials.IssueAsync(_database, [Role.AccountAdministrator], [EntityA]);
        _tokens[Persona.Operator] = await TestCredentials.IssueAsync(_database, [Role.Operator]);
        _tokens[Persona.PlatformAdministrator] = await TestCredentials.IssueAsync(_database, [Role.PlatformAdministrator]);
        await SeedEntityAAsync();
        _certificates[Persona.Partner] = _tls.Authority.IssueClient("ap.partner.example");
        _certificates[Persona.SuspendedPartner] = _tls.Authority.IssueClient("ap.suspended.example");
        _certificates[Persona.UnknownCertificate] = _tls.Authority.IssueClient("ap.stranger.example");
        await TestProviders.RegisterAsync(_database, "partner-ap", _certificates[Persona.Partner]);
        await TestProviders.RegisterAsync(_database, "suspended-ap", _certificates[Persona.SuspendedPartner], suspended: true);

        _routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(), tls: _tls,
            map: app => app.MapGrpcService<AccessProbeService>());
        _admin = await RunningHost.StartAsync(AdminHost.Build, _database, Keys.Unique(), tls: _tls);
    }

    private async Task SeedEntityAAsync()
    {
        await using (var entity = _database.DataSource.CreateCommand("INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', 'Access Matrix A', 'FR')"))
        {
            entity.Parameters.Add(new Npgsql.NpgsqlParameter { Value = EntityA });
            await entity.ExecuteNonQueryAsync();
        }
        await using var identifier = _database.DataSource.CreateCommand("INSERT INTO entity_identifier (icd, value, entity_id) VALUES ('0009', $1, $2)");
        identifier.Parameters.Add(new Npgsql.NpgsqlParameter { Value = EntityASiret });
        identifier.Parameters.Add(new Npgsql.NpgsqlParameter { Value = EntityA });
        await identifier.ExecuteNonQueryAsync();
    }

    /// <summary>Calls to <paramref name="host"/> with <paramref name="persona"/>'s credential.</summary>
    public CallInvoker InvokerFor(HostKind host, Persona persona)
    {
        lock (_invokers)
        {
            if (_invokers.TryGetValue((host, persona), out var cached))
                return cached;
            var running = host == HostKind.Routing ? _routing : _admin;
            var invoker = _tokens.TryGetValue(persona, out var token) ? running.CallInvokerFor(token)
                : _certificates.TryGetValue(persona, out var certificate) ? running.ChannelWith(certificate).CreateCallInvoker()
                : running.Channel.CreateCallInvoker();
            return _invokers[(host, persona)] = invoker;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _routing.DisposeAsync();
        await _admin.DisposeAsync();
        foreach (var certificate in _certificates.Values)
            certificate.Dispose();
        _tls.Dispose();
        await _database.DisposeAsync();
    }
}
