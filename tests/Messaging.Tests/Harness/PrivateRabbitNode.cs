using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;

namespace Brigade.Messaging.Tests;

/// <summary>
/// A RabbitMQ node of the test's own (own ports, node name, epmd and data directory) that the test may
/// stop and start; the shared test broker is never touched.
/// </summary>
public sealed class PrivateRabbitNode : IAsyncDisposable
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Password = "nodepass";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"brigade-rmq-{Guid.NewGuid():N}"[..24]);
    private readonly string _nodeName = $"msgtest{Guid.NewGuid():N}"[..16] + "@localhost";
    private readonly int _amqpPort = FreePort();
    private readonly int _distPort = FreePort();
    private readonly int _epmdPort = FreePort();
    private readonly StringBuilder _output = new();
    private Process? _epmd;
    private Process? _server;

    public string Uri => $"amqp://brigade:{Password}@127.0.0.1:{_amqpPort}/";

    public static async Task<PrivateRabbitNode> StartAsync()
    {
        var node = new PrivateRabbitNode();
        try
        {
            await node.PrepareAsync();
            await node.StartServerAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync()
    {
        foreach (var sub in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(_directory, sub));
        }

        var cookie = Path.Combine(_directory, "home", ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Guid.NewGuid().ToString("N"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{_amqpPort}
            default_user = brigade
            default_pass = {Password}
            loopback_users = none
            """);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), "[].");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "rabbitmq:rabbitmq", _directory);
        }

        _epmd = Start(new ProcessStartInfo("epmd", ["-port", _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-address", "127.0.0.1"]));
    }

    public async Task StartServerAsync()
    {
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", ["--reuid", "rabbitmq", "--regid", "rabbitmq", "--init-groups", Server])
            : new ProcessStartInfo(Server);
        start.WorkingDirectory = _directory;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(_directory, "home"),
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _server = Start(start);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"The private RabbitMQ node exited with {_server.ExitCode} while starting:\n{Output}");
            }

            try
            {
                await using var connection = await new ConnectionFactory { Uri = new Uri(Uri), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) }.CreateConnectionAsync();
                return;
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the node the way an operator's service manager would: SIGTERM, then wait for it to exit.</summary>
    public async Task StopServerAsync()
    {
        if (_server is null || _server.HasExited)
        {
            return;
        }

        await RunAsync("kill", "-TERM", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        _server = null;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill();
            await _epmd.WaitForExitAsync();
        }

        _epmd?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a process that is going away; /tmp is cleaned eventually
        }
    }

    private Process Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false }) ?? throw new InvalidOperationException($"Could not run {file}.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
