using DapPanel.App.Hosting;

var app = await DapPanelHost.CreateAsync(args);
await app.RunAsync();
