using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Brigade.Testing;

/// <summary>
/// A <c>redis-server</c> of a test's own (loopback, a free port, no persistence) that the test may stop and start
/// again, to see what a service does without Redis; the shared test Redis stays up for every other test.
/// Disposing stops it; so does the end of the test process.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private readonly string _password = Guid.NewGuid().ToString("N");
    private Process? _process;

    private RedisProcess(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={_password}";

    public static async Task<RedisProcess> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var redis = new RedisProcess(port);
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again, on the same port, empty) and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException($"{Server} is missing; ./brigade installs redis-server (apt-get install redis-server).");
        }

        var psi = new ProcessStartInfo(Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--requirepass", _password,
                             "--save", "", "--appendonly", "no", "--dir", Path.GetTempPath() },
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await AnswersAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not come up (exit {(_process.HasExited ? _process.ExitCode : null)})");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (as a crash or a lost network would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"AUTH {_password}\r\nPING\r\n"));
            var buffer = new byte[64];
            var text = "";
            while (!text.Contains("PONG", StringComparison.Ordinal) && !text.Contains("-ERR", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return false;
                }

                text += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            }

            return text.Contains("PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
