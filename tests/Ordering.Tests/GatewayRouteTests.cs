using System.Text.Json;

namespace Brigade.Ordering.Tests;

/// <summary>The gateway's shipped routes for ordering: the table QR menu is public (reads only), the hubs need a token.</summary>
public sealed class GatewayRouteTests
{
    [Fact]
    public void The_gateway_routes_the_qr_menu_publicly_and_the_hubs_to_signed_in_people()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Brigade.slnx")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", "Gateway", "appsettings.json")));
        var routes = settings.RootElement.GetProperty("Gateway").GetProperty("Routes");
        var qr = routes.GetProperty("carts-qr");
        qr.GetProperty("Prefix").GetString().ShouldBe("/api/carts/qr");
        qr.GetProperty("Access").GetString().ShouldBe("Public");
        qr.GetProperty("Methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["GET", "HEAD"]);
        routes.GetProperty("carts").GetProperty("Access").GetString().ShouldBe("Authenticated");
        foreach (var (name, prefix) in new[] { ("kitchen-hub", "/hubs/kitchen"), ("carts-hub", "/hubs/carts") })
        {
            var hub = routes.GetProperty(name);
            hub.GetProperty("Prefix").GetString().ShouldBe(prefix);
            hub.GetProperty("Cluster").GetString().ShouldBe("ordering");
            hub.GetProperty("Access").GetString().ShouldBe("Authenticated");
        }
    }
}
