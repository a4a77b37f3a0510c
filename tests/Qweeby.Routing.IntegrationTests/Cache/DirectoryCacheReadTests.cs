using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Cache;

public sealed class DirectoryCacheReadTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private CacheNode _host = null!;

    public async ValueTask InitializeAsync() => _host = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_value_is_loaded_once_then_served_from_the_cache()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");

        var first = await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);
        var second = await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);

        Assert.Equal(new Fact("acme"), first);
        Assert.Equal(new Fact("acme"), second);
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, _host.Counters.Misses);
        Assert.Equal(1, _host.Counters.L1Hits);
    }

    [Fact]
    public async Task A_null_is_cached_as_a_miss()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());

        Assert.Null(await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct));
        Assert.Null(await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct));
        await _host.Cache.StoresSettledAsync();
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        Assert.Null(await other.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct));

        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, other.Counters.L2Hits);
    }

    [Fact]
    public async Task A_value_one_host_loaded_is_read_from_redis_by_another()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");
        await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);
        await _host.Cache.StoresSettledAsync();
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        var read = await other.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);

        Assert.Equal(new Fact("acme"), read);
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, other.Counters.L2Hits);
    }

    [Fact]
    public async Task Hosts_with_different_prefixes_never_share_entries()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");
        await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);
        await _host.Cache.StoresSettledAsync();
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, Keys.Unique());

        await other.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct);

        Assert.Equal(2, _source.LoadCount);
    }

    [Fact]
    public async Task A_hundred_concurrent_reads_of_one_cold_key_call_the_loader_once()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var loads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Fact?> SlowLoad(CancellationToken c)
        {
            Interlocked.Increment(ref loads);
            await gate.Task.WaitAsync(c);
            return new Fact("acme");
        }

        var reads = Enumerable.Range(0, 100)
            .Select(_ => Task.Run(async () => await _host.Cache.GetOrLoadAsync<Fact>(key, SlowLoad, Ct), Ct))
            .ToList();
        await Eventually.True(() => Task.FromResult(Volatile.Read(ref loads) > 0), TimeSpan.FromSeconds(10), "the first load");
        gate.SetResult();
        var answers = await Task.WhenAll(reads);

        Assert.Equal(1, loads);
        Assert.All(answers, a => Assert.Equal(new Fact("acme"), a));
    }

    [Fact]
    public async Task Get_or_load_many_answers_in_key_order_and_loads_only_the_keys_no_layer_has()
    {
        var inMemory = CacheKeys.Entity(Guid.NewGuid());
        var inRedis = CacheKeys.Entity(Guid.NewGuid());
        var cold = CacheKeys.Entity(Guid.NewGuid());
        var absent = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(inMemory, "in memory");
        _source.Set(inRedis, "in redis");
        _source.Set(cold, "cold");
        await _host.Cache.GetOrLoadAsync<Fact>(inMemory, c => _source.LoadAsync(inMemory, c), Ct);
        await using (var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix))
            await other.Cache.GetOrLoadAsync<Fact>(inRedis, c => _source.LoadAsync(inRedis, c), Ct);

        var answers = await _host.Cache.GetOrLoadManyAsync<Fact>([cold, inMemory, absent, inRedis], _source.LoadManyAsync, Ct);

        Assert.Equal([new Fact("cold"), new Fact("in memory"), null, new Fact("in redis")], answers);
        Assert.Equal(3, _source.LoadCount);
        Assert.Equivalent(new[] { cold, absent }, _source.Calls[^1], strict: true);
        Assert.Equal(1, _host.Counters.L2Hits);
    }

    [Fact]
    public async Task Overlapping_get_or_load_many_calls_load_each_key_once()
    {
        var keys = Enumerable.Range(0, 6).Select(_ => CacheKeys.Entity(Guid.NewGuid())).ToArray();
        foreach (var key in keys)
            _source.Set(key, key.Name);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyDictionary<CacheKey, Fact?>> SlowLoad(IReadOnlyList<CacheKey> missing, CancellationToken c)
        {
            var loaded = await _source.LoadManyAsync(missing, c);
            await gate.Task.WaitAsync(c);
            return loaded;
        }

        var first = _host.Cache.GetOrLoadManyAsync<Fact>(keys[..4], SlowLoad, Ct).AsTask();
        await Eventually.True(() => Task.FromResult(_source.LoadCount == 1), TimeSpan.FromSeconds(10), "the first batch's load");
        var second = _host.Cache.GetOrLoadManyAsync<Fact>(keys[2..], SlowLoad, Ct).AsTask();
        await Eventually.True(() => Task.FromResult(_source.LoadCount == 2), TimeSpan.FromSeconds(10), "the second batch's load");
        gate.SetResult();

        Assert.Equal(keys[..4].Select(k => new Fact(k.Name)), await first);
        Assert.Equal(keys[2..].Select(k => new Fact(k.Name)), await second);
        Assert.Equivalent(keys[4..], _source.Calls[1], strict: true);
    }

    [Fact]
    public async Task A_loader_failure_reaches_every_waiting_caller_and_is_not_cached()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        async Task<Fact?> FailingLoad(CancellationToken c)
        {
            Interlocked.Increment(ref loads);
            await gate.Task.WaitAsync(c);
            throw new InvalidOperationException("postgres said no");
        }

        var first = _host.Cache.GetOrLoadAsync<Fact>(key, FailingLoad, Ct).AsTask();
        var second = _host.Cache.GetOrLoadAsync<Fact>(key, FailingLoad, Ct).AsTask();
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        Assert.Equal(1, loads);
        _source.Set(key, "acme");
        Assert.Equal(new Fact("acme"), await _host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_load_others_wait_on()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Fact?> SlowLoad(CancellationToken c)
        {
            await gate.Task.WaitAsync(c);
            return new Fact("acme");
        }
        using var impatient = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var givesUp = _host.Cache.GetOrLoadAsync<Fact>(key, SlowLoad, impatient.Token).AsTask();
        var waits = _host.Cache.GetOrLoadAsync<Fact>(key, SlowLoad, Ct).AsTask();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givesUp);
        gate.SetResult();

        Assert.Equal(new Fact("acme"), await waits);
    }
}
