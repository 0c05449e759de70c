// The reference bench/gateway/run.sh measures the gateway against: YARP with one catch-all route to one
// destination (BACKEND_URL) and nothing else (YARP's default transforms, no health checks, no logs). It runs
// on the gateway's host settings (ADR 0006: requests on the socket thread, one socket thread, workstation
// GC) unless BARE_INLINE=0, so the ratio is the price of the gateway's edge features.
using Yarp.ReverseProxy.Configuration;

var backend = Environment.GetEnvironmentVariable("BACKEND_URL") ?? throw new InvalidOperationException("BACKEND_URL is not set");
var inline = Environment.GetEnvironmentVariable("BARE_INLINE") != "0";
if (inline)
{
    // Read by the runtime when the first socket is made, so set before anything listens or connects.
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") ?? "1");
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
if (inline)
{
    builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
}

builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = backend } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
