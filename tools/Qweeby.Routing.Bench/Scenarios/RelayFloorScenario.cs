using System.Net;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Qweeby.Routing.Bench.Hosts;
using Qweeby.Routing.Bench.Load;
using Qweeby.Routing.Bench.Floor;
using Qweeby.Routing.Hosting;

namespace Qweeby.Routing.Bench.Scenarios;

/// <summary>
/// What Submit -> DELIVERED cannot go below on this machine: the same 20 KB document from the same client over
/// https to an access point A, which inserts it in a table of its own and commits (as the raw insert baseline does),
/// then passes it over mutual TLS to an access point B, which does the same and answers; A answers the client.
/// Two durable commits and two gRPC calls of 20 KB over TLS, one after the other, and nothing else: no authentication,
/// directory, events, statuses, outbox, receipt or stream. Its ratio to the raw insert bounds what any Submit design
/// that commits on both sides could reach; Submit's ratio to it is what the exchange's own work costs.
/// </summary>
public sealed class RelayFloorScenario : IAsyncDisposable
{
    public const string Name = "floor: two durable 20 KB hops";
    private const string TableA = "bench_relay_a";
    private const string TableB = "bench_relay_b";

    private readonly byte[] _document = RandomNumberGenerator.GetBytes(Baselines.DocumentBytes);
    private BenchTls _tls = null!;
    private NpgsqlDataSource _dbA = null!;
    private NpgsqlDataSource _dbB = null!;
    private WebApplication _a = null!;
    private WebApplication _b = null!;
    private GrpcChannel _toB = null!;
    private GrpcChannel _toA = null!;
    private Relay.RelayClient _client = null!;

    /// <param name="postgres">The size's database, with the hosts' pool settings; A and B each get a pool of their own, as two hosts would.</param>
    public static async Task<RelayFloorScenario> StartAsync(string postgres)
    {
        var s = new RelayFloorScenario { _tls = new BenchTls(), _dbA = NpgsqlDataSource.Create(postgres), _dbB = NpgsqlDataSource.Create(postgres) };
        foreach (var table in new[] { TableA, TableB })
            await Baselines.CreateDocumentTableAsync(s._dbA, table);
        s._b = await StartHostAsync(s._tls, s._dbB, TableB, next: null);
        s._toB = GrpcChannel.ForAddress(s._b.BoundAddress(), new GrpcChannelOptions { HttpHandler = s._tls.PartnerHandler() });
        s._a = await StartHostAsync(s._tls, s._dbA, TableA, new Relay.RelayClient(s._toB));
        s._toA = GrpcChannel.ForAddress(s._a.BoundAddress(), new GrpcChannelOptions { HttpHandler = s._tls.TrustingHandler() });
        s._client = new Relay.RelayClient(s._toA);
        return s;
    }

    public async Task<Measurement> RunAsync(LoadRunner runner, int concurrency)
    {
        // From empty tables, as the raw insert baseline starts from an empty table.
        await using (var truncate = _dbA.CreateCommand($"TRUNCATE {TableA}, {TableB}"))
            await truncate.ExecuteNonQueryAsync();
        var measured = await runner.RunAsync(Name, concurrency, async (_, _) =>
            await _client.PassAsync(new PassRequest { MessageId = Guid.NewGuid().ToString(), Document = ByteString.CopyFrom(_document) }));
        // Every answered call stored its document on both sides (the warm-up's calls too).
        await using var count = _dbA.CreateCommand($"SELECT (SELECT count(*) FROM {TableA}), (SELECT count(*) FROM {TableB})");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (atA, atB) = (reader.GetInt64(0), reader.GetInt64(1));
        if (atA < measured.Calls || atB < measured.Calls)
            throw new InvalidOperationException($"{Name}: {measured.Calls} calls answered, but {atA} documents stored at A and {atB} at B");
        return measured;
    }

    /// <summary>An access point of the floor: https on a free loopback port, client certificates asked for as the routing hosts ask.</summary>
    private static async Task<WebApplication> StartHostAsync(BenchTls tls, NpgsqlDataSource db, string table, Relay.RelayClient? next)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var certificate = tls.ServerCertificate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new RelayPass(db, table, next));
        var app = builder.Build();
        app.MapGrpcService<RelayPass>();
        await app.StartAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        _toA.Dispose();
        await _a.StopAsync();
        await _a.DisposeAsync();
        _toB.Dispose();
        await _b.StopAsync();
        await _b.DisposeAsync();
        await _dbA.DisposeAsync();
        await _dbB.DisposeAsync();
        _tls.Dispose();
    }

    /// <summary>Stores the document and commits, then passes it on when there is a next access point.</summary>
    internal sealed class RelayPass(NpgsqlDataSource db, string table, Relay.RelayClient? next) : Relay.RelayBase
    {
        private readonly string _insert = $"INSERT INTO {table} (message_id, document) VALUES ($1, $2)";

        public override async Task<PassReply> Pass(PassRequest request, ServerCallContext context)
        {
            await using (var insert = db.CreateCommand(_insert))
            {
                insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(request.MessageId) });
                insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = request.Document.Memory, NpgsqlDbType = NpgsqlDbType.Bytea });
                await insert.ExecuteNonQueryAsync(context.CancellationToken);
            }
            if (next is not null)
                await next.PassAsync(request, cancellationToken: context.CancellationToken);
            return new PassReply();
        }
    }
}
