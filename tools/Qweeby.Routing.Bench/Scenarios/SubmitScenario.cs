using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Qweeby.Routing.Bench.Generation;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Contracts.V1;
using Qweeby.Routing.Server;
using ExchangeClient = Qweeby.Routing.Contracts.V1.Exchange.ExchangeClient;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// Submit → DELIVERED between two routing hosts, each with its own database, with 20 KB invoices: a supplier of
/// the synthetic directory submits at access point A (https, the size's database); A's outbox worker forwards
/// over mutual TLS to access point B (https, a small database of its own), which stores the invoice in the
/// recipient's inbox and answers with a receipt; A records DELIVERED. B sends its lifecycle statuses (202, 203)
/// back to A over mutual TLS as it would to any partner. Each caller submits and waits for its
/// invoice's DELIVERED event on a WatchTransmissions stream: the latency is submit to delivered, both sides
/// committed. Forwarding settings are the hosts' defaults.
/// </summary>
public sealed class SubmitScenario : IAsyncDisposable
{
    public const string Name = "Submit -> DELIVERED (20 KB)";
    private const string ProviderA = "bench-a";
    private const string ProviderB = "bench-b";
    private const int Recipients = 64;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _document = RandomNumberGenerator.GetBytes(Baselines.DocumentBytes);
    private BenchTls _tls = null!;
    private BenchHost _a = null!;
    private BenchHost _b = null!;
    private GrpcChannel _channel = null!;
    private ExchangeClient _client = null!;
    private Metadata _auth = null!;
    private Task _watch = Task.CompletedTask;
    private string _sender = "";
    private long[] _recipients = [];

    /// <param name="peerDatabase">B's database: created (dropped first) here.</param>
    public static async Task<SubmitScenario> StartAsync(
        BenchSettings settingsA, string adminConnection, string peerDatabase, long entities, string keyPrefix, Metadata auth, CancellationToken ct)
    {
        var s = new SubmitScenario { _tls = new BenchTls(), _auth = auth, _sender = "0009:" + SyntheticIds.Siret(0) };
        s._recipients = Enumerable.Range(1, Recipients).Select(k => entities + k).ToArray();
        var (addressA, addressB) = ($"https://127.0.0.1:{FreePort()}", $"https://127.0.0.1:{FreePort()}");

        await using (var a = NpgsqlDataSource.Create(settingsA.Postgres))
        {
            // Every start from empty exchange tables, as the raw insert baseline starts from an empty table: runs stay
            // comparable (and the disk bounded: each run adds 20 KB per invoice), and invoices an interrupted run left
            // for a B that is gone cannot take A's workers from this run's.
            await ExecAsync(a, "TRUNCATE transmission, transmission_event, lifecycle_status, outbox, delivery_attempt, inbox_item", ct);
            await SeedAsync(a, atB: false, addressA, addressB, s._tls.ClientCertificateB.RawData, s._recipients, ct);
        }
        await BenchDatabase.DropAsync(adminConnection, peerDatabase, ct);
        await using (var admin = new NpgsqlConnection(adminConnection))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {peerDatabase} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var settingsB = settingsA with { Postgres = BenchDatabase.Connection(adminConnection, peerDatabase) };
        await using (var b = NpgsqlDataSource.Create(settingsB.Postgres))
        {
            await new Data.Postgres.MigrationRunner(b, Microsoft.Extensions.Logging.Abstractions.NullLogger<Data.Postgres.MigrationRunner>.Instance).MigrateAsync(ct);
            await SeedAsync(b, atB: true, addressA, addressB, s._tls.ClientCertificate.RawData, s._recipients, ct);
        }

        s._b = await BenchHost.StartAsync(RoutingHost.Build, settingsB, keyPrefix + "-b",
            [$"--Platform:ProviderId={ProviderB}", .. s._tls.ServerArgs(addressB), .. s._tls.ForwarderArgs(b: true)]);
        s._a = await BenchHost.StartAsync(RoutingHost.Build, settingsA, keyPrefix + "-a",
            [$"--Platform:ProviderId={ProviderA}", .. s._tls.ServerArgs(addressA), .. s._tls.ForwarderArgs()]);
        s._channel = GrpcChannel.ForAddress(addressA, new GrpcChannelOptions { HttpHandler = s._tls.TrustingHandler() });
        s._client = new ExchangeClient(s._channel);
        s._watch = s.WatchAsync();
        return s;
    }

    public Task<Measurement> RunAsync(LoadRunner runner, int concurrency) =>
        runner.RunAsync(Name, concurrency, async (worker, n) =>
        {
            var messageId = $"bench-{Guid.NewGuid():N}";
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[messageId] = delivered;
            try
            {
                await _client.SubmitAsync(new SubmitRequest
                {
                    Envelope = new Envelope
                    {
                        Sender = _sender,
                        Recipient = new RecipientReference { Identifier = "0009:" + SyntheticIds.Siret(_recipients[n % Recipients]) },
                        DocumentType = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice##urn:cen.eu:en16931:2017::2.1",
                        Process = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
                        MessageId = messageId,
                        InvoiceNumber = $"F-{n}",
                        IssueDate = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)),
                    },
                    Document = ByteString.CopyFrom(_document),
                }, _auth);
                await delivered.Task.WaitAsync(DeliveryTimeout);
            }
            finally
            {
                _waiting.TryRemove(messageId, out _);
            }
        });

    /// <summary>One stream of the sender's transmission events; DELIVERED completes the caller waiting on that message id.</summary>
    private async Task WatchAsync()
    {
        var cursor = "";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var stream = _client.WatchTransmissions(new WatchTransmissionsRequest { Sender = _sender, Cursor = cursor }, _auth, cancellationToken: _stop.Token);
                await foreach (var e in stream.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    cursor = e.Cursor;
                    if (!_waiting.TryGetValue(e.MessageId, out var waiter))
                        continue;
                    if (e.Status == TransmissionStatus.Delivered)
                        waiter.TrySetResult();
                    else if (e.Status is TransmissionStatus.Failed or TransmissionStatus.DeadLettered)
                        waiter.TrySetException(new InvalidOperationException($"{e.MessageId}: {e.Status} {e.Detail}"));
                }
            }
            catch (RpcException) when (!_stop.IsCancellationRequested)
            {
                await Task.Delay(100); // resumes from the cursor
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Both directories: A (hosted here at one, a partner at the other) and B likewise, each at its address and known to
    /// the other by its client certificate (<paramref name="partnerCertificate"/>), and the recipients, registered at B.
    /// On B's side the sender is a known company.
    /// </summary>
    private static async Task SeedAsync(NpgsqlDataSource db, bool atB, string addressA, string addressB, byte[] partnerCertificate, long[] recipients,
        CancellationToken ct)
    {
        var partnerSha256 = Convert.ToHexStringLower(SHA256.HashData(partnerCertificate));
        foreach (var (provider, name, address, hostedHere) in new[] { (ProviderA, "Bench access point A", addressA, !atB), (ProviderB, "Bench access point B", addressB, atB) })
            await ExecAsync(db, """
                INSERT INTO service_provider (provider_id, name, endpoint, channel, client_cert_sha256) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (provider_id) DO UPDATE SET endpoint = excluded.endpoint, channel = excluded.channel, client_cert_sha256 = excluded.client_cert_sha256
                """, ct, provider, name, address, hostedHere ? "hosted" : "interoperability", hostedHere ? DBNull.Value : partnerSha256);
        foreach (var (i, provider) in recipients.Select(r => (r, (string?)ProviderB)).Append((0L, null)))
        {
            // At A the sender (supplier 0) is already in the directory.
            if (i == 0 && !atB)
                continue;
            var id = SyntheticIds.EntityId(i);
            await ExecAsync(db, "INSERT INTO entity (entity_id, kind, legal_name, country) VALUES ($1, 'company', $2, 'FR') ON CONFLICT DO NOTHING",
                ct, id, SyntheticNames.LegalName(i));
            await ExecAsync(db, "INSERT INTO entity_identifier (icd, value, entity_id) VALUES ('0009', $1, $2) ON CONFLICT DO NOTHING",
                ct, SyntheticIds.Siret(i), id);
            await ExecAsync(db, "INSERT INTO contact (contact_id, entity_id, last_name, email, role) VALUES ($1, $2, 'Admin', $3, 'administrator') ON CONFLICT DO NOTHING",
                ct, SyntheticIds.ContactId(i), id, $"admin-{i}@e{i}.bench.example");
            if (provider is not null)
                await ExecAsync(db, "INSERT INTO provider_registration (entity_id, provider_id, is_default) VALUES ($1, $2, true) ON CONFLICT DO NOTHING",
                    ct, id, provider);
        }
    }

    private static async Task ExecAsync(NpgsqlDataSource db, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var arg in args)
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _channel.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _tls.Dispose();
        _stop.Dispose();
    }
}
