using System.Diagnostics;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Qweeby.Routing.IntegrationTests.Infrastructure;
using Qweeby.Routing.Server;

namespace Qweeby.Routing.IntegrationTests.Foundation;

public sealed class TelemetryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_grpc_call_produces_a_server_span_named_after_the_method()
    {
        var spans = new LockedCollection<Activity>();
        await using var routing = await RunningHost.StartAsync(RoutingHost.Build, _database, Keys.Unique(),
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));

        await new Health.HealthClient(routing.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.True(() => Task.FromResult(Snapshot(spans).Any(s =>
                s.Kind == ActivityKind.Server && s.DisplayName.Contains("grpc.health.v1.Health/Check", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10), "a server span for Health/Check");
    }

    private static List<Activity> Snapshot(LockedCollection<Activity> spans) => spans.Snapshot();

    /// <summary>The exporter adds spans from the host's threads while the test reads them.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;

        public List<T> Snapshot() { lock (_items) return [.. _items]; }
        public void Add(T item) { lock (_items) _items.Add(item); }
        public void Clear() { lock (_items) _items.Clear(); }
        public bool Contains(T item) { lock (_items) return _items.Contains(item); }
        public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
        public bool Remove(T item) { lock (_items) return _items.Remove(item); }
        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
