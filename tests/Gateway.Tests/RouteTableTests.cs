using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Brigade.Gateway.Tests;

/// <summary>
/// A gateway running the shipped route table (src/Gateway/appsettings.json). Which route YARP's routing
/// picked for a request is read from the request's access log line.
/// </summary>
public sealed class ShippedGateway : IAsyncLifetime
{
    private readonly LogCapture _lines = new();
    private GatewayHost _gateway = null!;

    public Topology Topology => _gateway.Services.GetRequiredService<Topology>();

    public async Task InitializeAsync() =>
        _gateway = await GatewayHost.StartAsync(new GatewaySettings(), builder =>
        {
            builder.Configuration.AddJsonFile(Path.Combine(RouteTableTests.RepositoryRoot(), "src", "Gateway", "appsettings.json"));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Brigade.Gateway.AccessLog"] = "Information",
                ["Gateway:RateLimits:Enabled"] = "false",
            });
            builder.Logging.AddProvider(_lines);
        });

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    /// <summary>The route that claimed <paramref name="method"/> <paramref name="path"/>, or null when none did.</summary>
    public async Task<GatewayRoute?> MatchAsync(string method, string path)
    {
        var id = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Request-Id", id);
        using var response = await _gateway.Client.SendAsync(request);
        LogEntry? line = null;
        await GatewayHost.Eventually(() => Task.FromResult((line = _lines.Entries.FirstOrDefault(e => e.Values.GetValueOrDefault("requestId") as string == id)) is not null),
            TimeSpan.FromSeconds(5), "the access log line should be written");
        return line!.Values.GetValueOrDefault("route") is string name ? Topology.Routes[name] : null;
    }
}

/// <summary>The shipped route table sends every public prefix to the right service.</summary>
public sealed class RouteTableTests(ShippedGateway shipped) : IClassFixture<ShippedGateway>
{
    [Theory]
    [InlineData("GET", "/api/auth/jwks", "identity")]
    [InlineData("GET", "/api/users/me", "identity")]
    [InlineData("GET", "/api/restaurants/0190", "restaurants")]
    [InlineData("POST", "/api/reservations", "reservations")]
    [InlineData("GET", "/api/waitlist/x", "reservations")]
    [InlineData("POST", "/api/concierge/requests", "reservations")]
    [InlineData("POST", "/api/orders", "ordering")]
    [InlineData("GET", "/api/carts/mine", "ordering")]
    [InlineData("GET", "/api/kitchen/tickets", "ordering")]
    [InlineData("POST", "/api/payments/create", "payments")]
    [InlineData("GET", "/api/wallets/mine", "payments")]
    [InlineData("GET", "/api/settlements", "payments")]
    [InlineData("GET", "/api/inventory/items", "inventory")]
    [InlineData("GET", "/api/staff/schedules", "staff")]
    [InlineData("POST", "/api/jobs/1/apply", "jobs")]
    [InlineData("GET", "/api/chat/rooms", "chat")]
    [InlineData("GET", "/hubs/chat/negotiate", "chat")]
    [InlineData("GET", "/api/notifications", "notifications")]
    [InlineData("GET", "/hubs/notifications", "notifications")]
    [InlineData("GET", "/api/search/suggestions", "search")]
    [InlineData("GET", "/api/analytics/sales", "analytics")]
    [InlineData("GET", "/api/iot/devices", "iot")]
    [InlineData("GET", "/api/forecasts/sales", "forecasting")]
    [InlineData("GET", "/api/recommendations", "forecasting")]
    [InlineData("GET", "/API/Orders/7", "ordering")]
    public async Task Every_prefix_goes_to_its_service(string method, string path, string cluster)
    {
        var route = await shipped.MatchAsync(method, path);
        route.ShouldNotBeNull();
        route.Cluster.ShouldBe(cluster);
    }

    [Fact]
    public void Every_service_of_the_architecture_has_a_cluster()
    {
        shipped.Topology.Clusters.Select(c => c.Name).Order().ShouldBe(
            ["analytics", "chat", "forecasting", "identity", "inventory", "iot", "jobs", "notifications", "ordering", "payments", "reservations", "restaurants", "search", "staff"]);
    }

    [Theory]
    [InlineData("POST", "/api/auth/login", "auth-login", RouteAccess.Public)]
    [InlineData("POST", "/api/users/register", "users-register", RouteAccess.Public)]
    [InlineData("GET", "/api/users/register", "users", RouteAccess.Authenticated)]
    [InlineData("GET", "/api/users/me", "users", RouteAccess.Authenticated)]
    [InlineData("GET", "/api/restaurants", "restaurants-browse", RouteAccess.Public)]
    [InlineData("POST", "/api/restaurants", "restaurants", RouteAccess.Authenticated)]
    [InlineData("GET", "/api/reservations/availability", "reservations-availability", RouteAccess.Public)]
    [InlineData("GET", "/api/reservations/settings/7", "reservations-settings", RouteAccess.Public)] // deposit and refund terms before sign-in
    [InlineData("PUT", "/api/reservations/settings/7", "reservations", RouteAccess.Authenticated)]
    [InlineData("GET", "/api/reservations/mine", "reservations", RouteAccess.Authenticated)]
    [InlineData("POST", "/api/payments/webhooks/toss", "payments-webhooks", RouteAccess.Public)]
    [InlineData("GET", "/api/payments/webhooks/toss", "payments", RouteAccess.Authenticated)]
    [InlineData("POST", "/api/payments", "payments", RouteAccess.Authenticated)]
    [InlineData("GET", "/api/recommendations/menu-items/7/also-ordered", "recommendations-also-ordered", RouteAccess.Public)]
    [InlineData("GET", "/api/recommendations/me", "recommendations", RouteAccess.Authenticated)]
    public async Task The_longest_prefix_for_the_method_wins(string method, string path, string routeName, RouteAccess access)
    {
        var route = await shipped.MatchAsync(method, path);
        route.ShouldNotBeNull();
        route.Name.ShouldBe(routeName);
        route.Access.ShouldBe(access);
    }

    [Theory]
    [InlineData("/api/ordersx")]
    [InlineData("/api")]
    [InlineData("/health")]
    [InlineData("/api/services/status")]
    [InlineData("/")]
    public async Task Paths_of_no_route_match_nothing(string path) => (await shipped.MatchAsync("GET", path)).ShouldBeNull();

    [Fact]
    public async Task Login_and_registration_use_the_tight_limits()
    {
        (await shipped.MatchAsync("POST", "/api/auth/login"))!.RateLimitPolicy.ShouldBe("login");
        (await shipped.MatchAsync("POST", "/api/auth/register"))!.RateLimitPolicy.ShouldBe("registration");
        (await shipped.MatchAsync("POST", "/api/users/register"))!.RateLimitPolicy.ShouldBe("registration");
        shipped.Topology.Options.RateLimits.Policies["login"].TokenLimit.ShouldBeLessThan(60);
    }

    [Fact]
    public void The_local_profile_allows_scripted_logins_and_registrations()
    {
        var local = new Topology(
            new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(RepositoryRoot(), "src", "Gateway", "appsettings.json"))
                .AddJsonFile(Path.Combine(RepositoryRoot(), "src", "Gateway", "appsettings.Local.json"))
                .Build(),
            NullLogger<Topology>.Instance);
        var login = local.Options.RateLimits.Policies["login"];
        var registration = local.Options.RateLimits.Policies["registration"];
        (login.TokenLimit >= 60 && login.TokensPerPeriod * (TimeSpan.FromMinutes(1) / login.Period) >= 60).ShouldBeTrue();
        (registration.TokenLimit >= 30 && registration.TokensPerPeriod * (TimeSpan.FromMinutes(1) / registration.Period) >= 30).ShouldBeTrue();
    }

    /// <summary>Found from the test binaries or, when they are built elsewhere (an artifacts path), from this source file.</summary>
    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Brigade.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Brigade.slnx not found");
    }
}
