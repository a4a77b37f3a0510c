using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Whether this host may use its cache layers, and its subscription to invalidations. A host that may have
/// missed an invalidation cannot trust its L1, so any Redis failure degrades it (reads go to the loader).
/// It recovers once a probe it publishes comes back over its own subscription (so invalidations reach it
/// again) and <c>prepare</c> has run (relay pending invalidations, clear L1).
/// </summary>
internal sealed class RedisLink(
    IConnectionMultiplexer redis,
    RedisLayer layer,
    RedisKeyspace keyspace,
    Action<IReadOnlyList<CacheKey>?> onInvalidated,
    Func<CancellationToken, Task<bool>> prepare,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _recovering = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private volatile LinkState _state = LinkState.Starting;
    private long _failures;
    private ChannelMessageQueue? _subscription;
    private Probe? _probe;
    private Task _watch = Task.CompletedTask;
    private bool _started;
    private int _stopped;

    public bool IsHealthy => _state == LinkState.Healthy;

    public async Task StartAsync(CancellationToken ct)
    {
        if (_started)
            return;
        _started = true;
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        await TryRecoverAsync(ct);
        if (!IsHealthy)
            ReportFailure("Redis did not answer at start", null);
        _watch = WatchAsync(_stopping.Token);
    }

    public async Task StopAsync()
    {
        if (!_started || Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        // Unsubscribed, this host could miss invalidations: no more L1 or Redis, like a degraded host.
        _state = LinkState.Stopped;
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        await _stopping.CancelAsync();
        await _watch;
        await _recovering.WaitAsync(); // a recovery started by ConnectionRestored has seen the cancellation
        try
        {
            _subscription?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            logger.LogDebug(e, "Could not unsubscribe from cache invalidations");
        }
    }

    public void ReportFailure(Exception error) => ReportFailure(error.Message, error);

    private void ReportFailure(string reason, Exception? error)
    {
        lock (_lock)
        {
            _failures++;
            if (_state is LinkState.Degraded or LinkState.Stopped)
                return;
            _state = LinkState.Degraded;
        }
        logger.LogWarning(error, "Directory cache degraded ({Reason}): reads go to Postgres until Redis answers again", reason);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        ReportFailure($"{e.ConnectionType} connection to {e.EndPoint} failed: {e.FailureType}", e.Exception);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = RecoverNowAsync();

    private async Task RecoverNowAsync()
    {
        try
        {
            await TryRecoverAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) // top of a fire-and-forget task: the watch loop retries
        {
            logger.LogError(e, "Directory cache recovery failed");
        }
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(RetryEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (IsHealthy)
                    continue;
                try
                {
                    await TryRecoverAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException) // a worker loop's top: retry next tick
                {
                    logger.LogError(e, "Directory cache recovery failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TryRecoverAsync(CancellationToken ct)
    {
        if (!await _recovering.WaitAsync(0, ct))
            return;
        try
        {
            if (IsHealthy || !redis.IsConnected || ct.IsCancellationRequested)
                return;
            long failures;
            lock (_lock)
                failures = _failures;
            if (!await ProbeAsync(ct) || !await prepare(ct))
                return;
            LinkState was;
            lock (_lock)
            {
                if (_failures != failures || _state == LinkState.Stopped)
                    return;
                was = _state;
                _state = LinkState.Healthy;
            }
            if (was == LinkState.Degraded)
                logger.LogInformation("Directory cache uses Redis again (L1 cleared, pending invalidations published)");
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            logger.LogDebug(e, "Redis not usable yet");
        }
        finally
        {
            _recovering.Release();
        }
    }

    /// <summary>True once a message published now has come back: invalidations published from now on reach this host.</summary>
    private async Task<bool> ProbeAsync(CancellationToken ct)
    {
        if (_subscription is null)
        {
            var subscription = await redis.GetSubscriber().SubscribeAsync(keyspace.Channel);
            subscription.OnMessage(OnMessage);
            _subscription = subscription;
        }
        var probe = new Probe(Guid.NewGuid().ToString("N"));
        Volatile.Write(ref _probe, probe);
        await layer.PublishAsync(InvalidationMessage.ForProbe(probe.Id));
        try
        {
            await probe.Seen.Task.WaitAsync(ProbeTimeout, time, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        if (InvalidationMessage.IsProbe(message.Message))
        {
            if (Volatile.Read(ref _probe) is { } probe && message.Message == InvalidationMessage.ForProbe(probe.Id))
                probe.Seen.TrySetResult();
            return;
        }
        if (InvalidationMessage.TryReadKeys(message.Message, out var keys))
            onInvalidated(keys);
        else
        {
            logger.LogWarning("Unreadable cache invalidation message; dropping every cached fact of this host");
            onInvalidated(null);
        }
    }

    private enum LinkState
    {
        Starting,
        Healthy,
        Degraded,
        Stopped,
    }

    private sealed class Probe(string id)
    {
        public string Id { get; } = id;
        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
