using Qweeby.Routing.Hosting;
using Qweeby.Routing.Server;

var app = RoutingHost.Build(args);
return await app.RunOrMigrateAsync(args);
