using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Qweeby.Routing.Data.Cache;

/// <summary>
/// Whether this host may use its cache layers, and its subscription to invalidations. A host that may have
/// missed an invalidation cannot trust its L1, so any Redis failure degrades it (reads go to the loader).
/// It recovers once a probe it publishes comes back over its own subscription (so invalidations reach it
/// again) and <c>prepare</c> has run (relay pending invalidations, clear L1). While healthy it publishes a probe every
/// second (a heartbeat): a Redis that hangs without closing its connections fails no call and raises no event, so a
/// link whose heartbeat has gone unanswered for <see cref="Silence"/> degrades itself, at most 3.5 s after Redis hung.
/// That is within the time a write's own Redis call waits before it returns (<see cref="CacheOptions.MinRedisCallTimeout"/>
/// at least): by then every host either got the write's invalidation or stopped trusting its L1. Only an unanswered
/// probe counts, so a host too busy to send one is not degraded for it.
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
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>How long a heartbeat may go unanswered before the link degrades itself.</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(2500);

    private readonly SemaphoreSlim _recovering = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private volatile LinkState _state = LinkState.Starting;
    private long _heartbeatSentAt; // TimeProvider timestamp of the heartbeat awaiting its echo; 0 when none
    private long _failures;
    private ChannelMessageQueue? _subscription;
    private Probe? _probe;
    private Task _watch = Task.CompletedTask;
    private bool _started;
    private int _stopped;

    /// <summary>Healthy, and no heartbeat unanswered for <see cref="Silence"/> (such a link degrades itself here).</summary>
    public bool IsHealthy
    {
        get
        {
            if (_state != LinkState.Healthy)
                return false;
            var sent = Volatile.Read(ref _heartbeatSentAt);
            if (sent == 0 || time.GetElapsedTime(sent) < Silence)
                return true;
            DegradeIfUnanswered(sent);
            return _state == LinkState.Healthy;
        }
    }

    private void DegradeIfUnanswered(long sent)
    {
        lock (_lock)
        {
            // Answered, or another heartbeat since, or no longer healthy: nothing to do.
            if (_state != LinkState.Healthy || Volatile.Read(ref _heartbeatSentAt) != sent)
                return;
            _failures++;
            _state = LinkState.Degraded;
        }
        logger.LogWarning("Directory cache degraded (Redis left a heartbeat unanswered for {Seconds} s): reads go to Postgres until it answers again",
            Silence.TotalSeconds);
    }

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
                try
                {
                    if (IsHealthy)
                        await HeartbeatAsync(ct);
                    else
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
                Volatile.Write(ref _heartbeatSentAt, 0);
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

    /// <summary>
    /// A probe while healthy, unless one is still unanswered (<see cref="IsHealthy"/> judges how long); a failed publish
    /// degrades the link at once.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _heartbeatSentAt) != 0)
        {
            _ = IsHealthy; // degrades the link if it has waited too long, whether or not any read asks
            return;
        }
        if (!await _recovering.WaitAsync(0, ct))
            return;
        try
        {
            Volatile.Write(ref _heartbeatSentAt, time.GetTimestamp());
            await ProbeAsync(ct, HeartbeatTimeout);
        }
        catch (Exception e) when (RedisFailures.Is(e))
        {
            ReportFailure(e);
        }
        finally
        {
            _recovering.Release();
        }
    }

    /// <summary>True once a message published now has come back: invalidations published from now on reach this host.</summary>
    private async Task<bool> ProbeAsync(CancellationToken ct, TimeSpan? timeout = null)
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
            await probe.Seen.Task.WaitAsync(timeout ?? ProbeTimeout, time, ct);
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
            {
                Volatile.Write(ref _heartbeatSentAt, 0);
                probe.Seen.TrySetResult();
            }
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
