using System.Globalization;

namespace Brigade.Gateway.Edge;

/// <summary>
/// <c>/metrics</c> is for operators: it names internal addresses and counts everything. The gateway listens
/// on a second address for them (<c>Gateway:Management:Url</c>; unset, loopback at the public port + 90, so
/// 5090 locally and each port offset moves it with the rest), which serves <c>/metrics</c> and
/// <c>/health/*</c> and nothing else. On the public listener <c>/metrics</c> is a 404 problem. Requests are
/// told apart by the local port they arrived on, so the management port must be a fixed one.
/// </summary>
public sealed class ManagementPort(string url, int port)
{
    /// <summary>Its distance from the public port when no address is configured.</summary>
    public const int DefaultPortOffset = 90;

    public string Url { get; } = url;

    public int Port { get; } = port;

    /// <summary>
    /// Adds the management address to the ones the server listens on (ASPNETCORE_URLS or UseUrls), or returns
    /// null when it is switched off, or left unset while the public port is chosen at start-up (port 0).
    /// </summary>
    public static ManagementPort? Listen(WebApplicationBuilder builder, ManagementOptions options)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var publicUrls = string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls;
        var url = options.Url;
        if (string.IsNullOrWhiteSpace(url))
        {
            var publicPort = BindingAddress.Parse(publicUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]).Port;
            if (publicPort == 0)
            {
                return null;
            }

            url = $"http://127.0.0.1:{(publicPort + DefaultPortOffset).ToString(CultureInfo.InvariantCulture)}";
        }

        var port = BindingAddress.Parse(url.Trim()).Port;
        if (port <= 0)
        {
            throw new InvalidOperationException($"Gateway:Management:Url must name a fixed port (was '{url}').");
        }

        builder.WebHost.UseUrls($"{publicUrls};{url.Trim()}");
        return new ManagementPort(url.Trim(), port);
    }

    /// <summary>First in the pipeline: keeps operators' paths and the public ones apart.</summary>
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        if (http.Connection.LocalPort == Port)
        {
            return IsOperational(path) ? next(http) : NotHere(http);
        }

        return IsMetrics(path) ? NotHere(http) : next(http);
    }

    /// <summary>Without a management listener <c>/metrics</c> is served nowhere.</summary>
    public static Task HideMetrics(HttpContext http, RequestDelegate next) => IsMetrics(http.Request.Path) ? NotHere(http) : next(http);

    /// <summary>Probes and scrapes: never rate limited, so an orchestrator always sees the gateway.</summary>
    public static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || IsMetrics(path);

    private static bool IsMetrics(PathString path) => path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static Task NotHere(HttpContext http) =>
        Problem.WriteAsync(http, StatusCodes.Status404NotFound, "Not Found", $"No route matches {http.Request.Method} {http.Request.Path}.");
}
