namespace Qweeby.Routing.IntegrationTests.Infrastructure;

/// <summary>Polls a condition until it holds or the deadline passes; never a bare sleep.</summary>
public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, TimeSpan within, string waitingFor)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (await condition())
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {within.TotalSeconds:0.#}s for: {waitingFor}");
            await Task.Delay(25);
        }
    }
}
