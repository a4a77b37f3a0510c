using Qweeby.Routing.Hosting;
using Qweeby.Routing.Admin;

var app = AdminHost.Build(args);
return await app.RunOrMigrateAsync(args);
