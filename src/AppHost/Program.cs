using System.Runtime.Versioning;
using Brigade.AppHost;

[assembly: SupportedOSPlatform("linux")]

LauncherLog? log = null;
try
{
    var command = args.FirstOrDefault() ?? "help";
    var rest = args.Skip(1).ToArray();
    if (command is "help" or "-h" or "--help")
    {
        Console.WriteLine(Help.Text);
        return 0;
    }

    var settings = Settings.Load();
    var commands = new Commands(settings);
    if (command is "up" or "down" or "infra" or "restart")
    {
        log = LauncherLog.Start(settings, args);
    }

    switch (command)
    {
        case "up":
            return await commands.UpAsync(UpOptions.Parse(rest));
        case "down":
            return await commands.DownAsync();
        case "restart":
            return await commands.RestartAsync(RestartOptions.Parse(rest));
        case "status":
            return await commands.StatusAsync();
        case "logs":
            return await commands.LogsAsync(rest);
        case "infra" when rest is ["up"]:
            return await commands.InfraUpAsync();
        case "infra" when rest is ["down"]:
            return await commands.InfraDownAsync();
        case "infra" when rest is ["status"]:
            return await commands.StatusAsync(infraOnly: true);
        case "events":
            return await new EventsCommand(settings).RunAsync(rest);
        case "test" when rest.Length <= 1:
            using (var signal = new ShutdownSignal())
            {
                return await new TestRunner(settings).RunAsync(rest.FirstOrDefault(), signal.Token);
            }
        default:
            Console.Error.WriteLine($"unknown command: {string.Join(' ', args)}\n");
            Console.Error.WriteLine(Help.Text);
            return 2;
    }
}
catch (LauncherException e)
{
    Console.Out.Flush();
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted");
    return 130;
}
catch (Exception e) when (log?.Record(e) == true)
{
    throw; // never reached: Record only writes the crash to the log before the runtime reports it
}
finally
{
    log?.Dispose();
}
