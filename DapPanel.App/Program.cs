using DapPanel.App.Hosting;

// setup and backup run and exit; anything else runs the app.
if (await DapPanelCommands.RunAsync(args, Console.Out, Console.Error) is { } exitCode) return exitCode;
try
{
    var app = await DapPanelHost.CreateAsync(args);
    await app.RunAsync();
    return 0;
}
catch (StartRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}
