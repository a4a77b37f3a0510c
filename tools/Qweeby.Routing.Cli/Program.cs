using Qweeby.Routing.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
