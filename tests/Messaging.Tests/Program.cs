namespace Brigade.Messaging.Tests;

/// <summary>
/// The test assembly doubles as the publisher process the crash tests kill:
/// <c>dotnet Brigade.Messaging.Tests.dll publisher &lt;database&gt; &lt;amqp-uri&gt; &lt;exchange&gt; &lt;count|stream&gt;</c>.
/// Test runners load the assembly as a library and never call this.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["publisher", var database, var rabbitMq, var exchange, var count])
        {
            await ChildPublisher.RunAsync(database, rabbitMq, exchange, count == "stream" ? null : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        await Console.Error.WriteLineAsync("This is a test assembly: run it with dotnet test.");
        return 2;
    }
}
