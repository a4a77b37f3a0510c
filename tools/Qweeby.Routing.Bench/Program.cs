using Qweeby.Routing.Bench;

return await BenchApp.RunAsync(args, Console.Out, CancellationToken.None);
