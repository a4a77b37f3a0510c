using Qweeby.Routing.Data.Cache;
using Qweeby.Routing.IntegrationTests.Infrastructure;

namespace Qweeby.Routing.IntegrationTests.Cache;

/// <summary>
/// A read answers once its value is loaded and stores it afterwards; facts a loader found alongside the ones asked
/// for are stored too, unless any invalidation ran since the read.
/// </summary>
public sealed class DeferredStoreTests : IAsyncLifetime
{
    private readonly string _prefix = Keys.Unique();
    private readonly FactSource _source = new();
    private CacheNode _host = null!;

    public async ValueTask InitializeAsync() => _host = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CachedFact Of(CacheKey key) => new(key, typeof(Fact));

    /// <summary>Reads <paramref name="asked"/>, whose loader also hands back <paramref name="alongside"/> as "found".</summary>
    private Task<IReadOnlyList<object?>> ReadWithAlongsideAsync(CacheNode host, CacheKey asked, CacheKey alongside, Func<Task>? whileLoading = null) =>
        host.Cache.GetOrLoadFactsAsync([Of(asked)], async (missing, c) =>
        {
            var loaded = await _source.LoadManyAsync(missing.Select(f => f.Key).ToArray(), c);
            if (whileLoading is not null)
                await whileLoading();
            return new LoadedFacts(loaded.ToDictionary(p => p.Key, p => (object?)p.Value))
            {
                Alongside = [new FoundFact(Of(alongside), new Fact("found"))],
            };
        }, Ct).AsTask();

    private Task<Fact?> ReadAsync(CacheNode host, CacheKey key) =>
        host.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct).AsTask();

    [Fact]
    public async Task A_fact_found_alongside_is_cached_for_every_host()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");

        Assert.Equal([new Fact("asked")], await ReadWithAlongsideAsync(_host, asked, alongside));
        Assert.Equal(new Fact("asked"), await ReadAsync(_host, asked)); // waits for the store if it is still running
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        Assert.Equal(new Fact("found"), await ReadAsync(other, alongside));
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, other.Counters.L2Hits);
    }

    [Fact]
    public async Task A_fact_found_alongside_is_not_cached_when_any_invalidation_ran_during_its_load()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        // Not of the asked fact's generation bucket (one in 65,536 would be): its store must stand.
        var keyspace = new RedisKeyspace(_prefix);
        var unrelated = CacheKeys.Entity(Guid.NewGuid());
        while (keyspace.Generation(unrelated) == keyspace.Generation(asked))
            unrelated = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");
        _source.Set(alongside, "from the source");
        await using var writer = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        // Its generation was never read: any invalidation may have been of it, so none may have run since the read.
        await ReadWithAlongsideAsync(_host, asked, alongside, async () => Assert.True(await writer.Cache.InvalidateAsync([unrelated], Ct)));
        await ReadAsync(_host, asked);
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);

        Assert.Equal(new Fact("from the source"), await ReadAsync(other, alongside));
        Assert.Equal(new Fact("asked"), await ReadAsync(other, asked));
        Assert.Equal(1, other.Counters.L2Hits); // the fact asked for, whose own generation did not change
    }

    [Fact]
    public async Task A_fact_found_alongside_is_not_stored_over_an_invalidation_of_it()
    {
        var asked = CacheKeys.Entity(Guid.NewGuid());
        var alongside = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(asked, "asked");
        _source.Set(alongside, "after");

        await ReadWithAlongsideAsync(_host, asked, alongside, async () => Assert.True(await _host.Cache.InvalidateAsync([alongside], Ct)));
        await ReadAsync(_host, asked);

        Assert.Equal(new Fact("after"), await ReadAsync(_host, alongside));
        await using var other = await CacheNode.StartAsync(TestEnvironment.Redis, _prefix);
        Assert.Equal(new Fact("after"), await ReadAsync(other, alongside));
    }

    [Fact]
    public async Task A_read_answers_before_its_store_and_the_next_read_on_the_host_waits_for_that_store_rather_than_load_again()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await CacheNode.StartAsync(redis.Endpoint, _prefix);
        var key = CacheKeys.Entity(Guid.NewGuid());
        _source.Set(key, "acme");

        Task<Fact?> second;
        await redis.PauseWritesAsync();
        try
        {
            // The store is a script that writes: held by the pause, while the read that loaded the value has answered.
            Assert.Equal(new Fact("acme"), await ReadAsync(host, key));
            second = ReadAsync(host, key);
            Assert.False(second.IsCompleted);
        }
        finally
        {
            await redis.ResumeWritesAsync();
        }

        Assert.Equal(new Fact("acme"), await second);
        Assert.Equal(1, _source.LoadCount);
        Assert.Equal(1, host.Counters.L1Hits);
    }

    [Fact]
    public async Task The_caller_that_led_a_load_resumes_on_the_thread_that_finished_it_while_the_store_goes_on_apart()
    {
        var key = CacheKeys.Entity(Guid.NewGuid());
        var loadEndedOn = 0;
        async Task<Fact?> LoadOnItsOwnThread(CancellationToken c)
        {
            var done = new TaskCompletionSource(); // continuations inline: the load ends on the thread that sets it
            var thread = new Thread(() =>
            {
                Thread.Sleep(50); // let the load await first
                done.SetResult();
            });
            thread.Start();
            await done.Task;
            loadEndedOn = Environment.CurrentManagedThreadId;
            return new Fact("acme");
        }

        // Away from the test's synchronization context, which would take the continuation itself.
        var (answer, resumedOn) = await Task.Run(async () =>
            (await _host.Cache.GetOrLoadAsync<Fact>(key, LoadOnItsOwnThread, Ct), Environment.CurrentManagedThreadId), Ct);
        await _host.Cache.StoresSettledAsync();

        Assert.Equal(new Fact("acme"), answer);
        Assert.Equal(loadEndedOn, resumedOn); // not a thread pool thread woken for the answer
        Assert.Equal(new Fact("acme"), await ReadAsync(_host, key));
        Assert.Equal(1, _host.Counters.L1Hits); // stored all the same
    }

    [Fact]
    public async Task Stores_settled_waits_for_the_store_of_a_load_still_reading_when_asked()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var host = await CacheNode.StartAsync(redis.Endpoint, _prefix);
        var key = CacheKeys.Entity(Guid.NewGuid());
        var loading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Fact?> HeldLoad(CancellationToken c)
        {
            loading.SetResult();
            await release.Task.WaitAsync(c);
            return new Fact("acme");
        }

        var read = host.Cache.GetOrLoadAsync<Fact>(key, HeldLoad, Ct).AsTask();
        await loading.Task.WaitAsync(Ct);
        var settled = host.Cache.StoresSettledAsync();
        Task stillSettling;
        await redis.PauseWritesAsync();
        try
        {
            release.SetResult();
            Assert.Equal(new Fact("acme"), await read);
            // The store is held by the pause: the load has answered, its store has not happened.
            stillSettling = await Task.WhenAny(settled, Task.Delay(200, Ct));
        }
        finally
        {
            await redis.ResumeWritesAsync();
        }

        Assert.NotSame(settled, stillSettling);
        await settled;
        await using var other = await CacheNode.StartAsync(redis.Endpoint, _prefix);
        Assert.Equal(new Fact("acme"), await other.Cache.GetOrLoadAsync<Fact>(key, c => _source.LoadAsync(key, c), Ct));
        Assert.Equal(1, other.Counters.L2Hits);
    }
}
