using Brigade.Gateway.Edge;
using Microsoft.Extensions.FileProviders;

namespace Brigade.Gateway;

/// <summary>
/// The web app at <c>/</c>: files from <c>Gateway:WebRoot</c> (a plain landing page until the app is
/// built), fingerprinted assets under <c>/assets/</c> cached for a year, everything else revalidated, and
/// client-side routes answered with <c>index.html</c>. Paths under <c>/api</c>, <c>/hubs</c>, <c>/admin</c> and
/// <c>/metrics</c> are never the web app's: when no route claims them they get a 404 problem, not the page.
/// </summary>
public static class WebApp
{
    public static IFileProvider FileProvider(IWebHostEnvironment environment, GatewayOptions options)
    {
        var candidates = Path.IsPathRooted(options.WebRoot)
            ? [options.WebRoot]
            : new[] { Path.Combine(environment.ContentRootPath, options.WebRoot), Path.Combine(AppContext.BaseDirectory, options.WebRoot) };
        var root = candidates.FirstOrDefault(Directory.Exists);
        return root is null ? new NullFileProvider() : new PhysicalFileProvider(root);
    }

    public static void UseWebApp(this WebApplication app, IFileProvider files)
    {
        app.UseWhen(http => !IsApiPath(http.Request.Path), branch => branch.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        }));
    }

    /// <summary>Fallback for paths nothing else answered.</summary>
    public static async Task FallbackAsync(HttpContext http, IFileProvider files)
    {
        var path = http.Request.Path;
        if (IsApiPath(path) || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            await Problem.WriteAsync(http, StatusCodes.Status404NotFound, "Not Found", $"No route matches {http.Request.Method} {path}.");
            return;
        }

        var index = files.GetFileInfo("index.html");
        if (!index.Exists)
        {
            await Problem.WriteAsync(http, StatusCodes.Status404NotFound, "Not Found", "The web app is not installed.");
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.ContentLength = index.Length;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        await http.Response.SendFileAsync(index, http.RequestAborted);
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
