namespace Brigade.AppHost.Tests;

/// <summary>
/// The launcher's fixed ports, checked at every port offset engineers and tests use at the same time on one machine:
/// none may reach Linux's ephemeral range (an outgoing connection can hold such a port: "port 57532 in use"), and no two
/// instances may want the same port.
/// </summary>
public class PortPlanTests
{
    /// <summary>Linux's default <c>net.ipv4.ip_local_port_range</c> starts here.</summary>
    const int EphemeralStart = 32768;

    /// <summary>
    /// Offsets in use: 0, 500, 1000, 1500 and 3000–9000 for people, 2100–2400 for tests/AppHost.Tests, and each of them
    /// +500 for the web end-to-end platform (src/AppHost/WebTests.cs).
    /// </summary>
    public static readonly int[] Offsets = [.. new[] { 0, 500, 1000, 1500, 2100, 2200, 2250, 2300, 2400 }
        .Concat(Enumerable.Range(0, 13).Select(i => 3000 + 500 * i))
        .SelectMany(o => new[] { o, o + 500 })
        .Distinct()];

    /// <summary>Every fixed port at offset 0, by what listens on it.</summary>
    static Dictionary<string, int> BasePorts()
    {
        var ports = Catalog.BasePorts.ToDictionary(p => p.Key, p => p.Value);
        // The gateway's management listener (src/Gateway/Edge/ManagementPort.cs): its public port + 90.
        ports["gateway-management"] = Catalog.BasePorts[Catalog.Gateway] + 90;
        ports["dashboard"] = Dashboard.BasePort;
        ports["dashboard-otlp-grpc"] = Dashboard.OtlpGrpcBasePort;
        ports["dashboard-otlp-http"] = Dashboard.OtlpHttpBasePort;
        ports["postgres"] = Settings.PostgresBasePort;
        ports["amqp"] = Settings.AmqpBasePort;
        ports["erlang-distribution"] = Settings.DistBasePort;
        ports["epmd"] = Settings.EpmdBasePort;
        ports["redis"] = Settings.RedisBasePort;
        ports["mqtt"] = Settings.MqttBasePort;
        ports["rabbitmq-management"] = Settings.RabbitManagementBasePort;
        return ports;
    }

    [Fact]
    public void Every_port_stays_below_the_ephemeral_range_at_every_offset()
    {
        var tooHigh = BasePorts()
            .SelectMany(p => Offsets.Select(o => (p.Key, Offset: o, Port: p.Value + o)))
            .Where(x => x.Port >= EphemeralStart || x.Port < 1024)
            .Select(x => $"{x.Key} at offset {x.Offset}: {x.Port}");

        Assert.Empty(tooHigh);
    }

    [Fact]
    public void No_two_ports_meet_across_offsets()
    {
        var collisions = BasePorts()
            .SelectMany(p => Offsets.Select(o => (p.Key, Offset: o, Port: p.Value + o)))
            .GroupBy(x => x.Port)
            .Where(g => g.Select(x => x.Key).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(x => $"{x.Key}+{x.Offset}")));

        Assert.Empty(collisions);
    }

    [Fact]
    public void The_settings_use_the_base_ports()
    {
        var s = new Settings { RepoRoot = "/r", StateDir = "/r/.brigade", ArtifactsDir = "/r/artifacts", ServerDataRoot = "/r/.brigade", PortOffset = 3000 };

        Assert.Equal(
            [Settings.PostgresBasePort + 3000, Settings.AmqpBasePort + 3000, Settings.DistBasePort + 3000, Settings.EpmdBasePort + 3000,
             Settings.RedisBasePort + 3000, Settings.MqttBasePort + 3000, Settings.RabbitManagementBasePort + 3000],
            [s.PostgresPort, s.AmqpPort, s.DistPort, s.EpmdPort, s.RedisPort, s.MqttPort, s.RabbitManagementPort]);
        Assert.Equal(Dashboard.BasePort + 3000, new Dashboard(s).Port);
    }
}
