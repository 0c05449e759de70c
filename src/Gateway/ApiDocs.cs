using System.Collections;
using System.Net;
using System.Text;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace Brigade.Gateway;

/// <summary>
/// <c>GET /api/docs</c>: one Swagger UI page listing every service's OpenAPI document, each fetched
/// through the gateway at <c>/api/&lt;service&gt;/docs</c>, a YARP route per cluster (see <see cref="Topology"/>)
/// to that service's <c>/openapi/v1.json</c>. The list follows the configured clusters, reloads included.
/// </summary>
public static class ApiDocs
{
    public const string UiPath = "/api/docs";
    public const string ServiceDocumentPath = "/openapi/v1.json";

    public static void MapApiDocs(this WebApplication app, Topology topology)
    {
        // The UI's assets live under /api/docs/; the bare /api/docs answers with the page itself, whose
        // <base> makes the relative asset links resolve there. Other requests do not pass the UI's middleware.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(UiPath, StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.StartsWithSegments("/api/gateway/docs", StringComparison.OrdinalIgnoreCase), branch => Branch(branch, topology));
    }

    private static void Branch(IApplicationBuilder app, Topology topology)
    {
        app.Use((http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) && (http.Request.Path.Value is UiPath or UiPath + "/"))
            {
                http.Request.Path = UiPath + "/index.html";
            }
            else if (string.Equals(http.Request.Path.Value, "/api/gateway/docs", StringComparison.OrdinalIgnoreCase))
            {
                http.Request.Path = ServiceDocumentPath;
            }

            return next(http);
        });
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = UiPath.TrimStart('/');
            ui.DocumentTitle = "Brigade API";
            var template = ReadTemplate(ui.IndexStream);
            ui.IndexStream = () => new MemoryStream(Encoding.UTF8.GetBytes(Page(template, topology)));
            ui.ConfigObject.Urls = new ServiceDocuments(topology);
            ui.ConfigObject.DisplayRequestDuration = true;
            ui.ConfigObject.PersistAuthorization = true;
        });
    }

    private static string ReadTemplate(Func<Stream> original)
    {
        using var reader = new StreamReader(original(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The Swagger UI page with a <c>&lt;base&gt;</c> first in its head (so its relative asset links work at
    /// the bare <c>/api/docs</c>) and the document list as plain links for readers without JavaScript.
    /// </summary>
    private static string Page(string template, Topology topology)
    {
        var links = new StringBuilder("<noscript><ul>");
        foreach (var document in new ServiceDocuments(topology))
        {
            var name = WebUtility.HtmlEncode(document.Name);
            links.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(document.Url)).Append("\">").Append(name).Append("</a></li>");
        }

        links.Append("</ul></noscript>");
        return template
            .Replace("<head>", $"<head>\n    <base href=\"{UiPath}/\">", StringComparison.OrdinalIgnoreCase)
            .Replace("<body>", "<body>\n    " + links, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Enumerated each time the page is rendered, so a reloaded cluster list shows up at once.</summary>
    private sealed class ServiceDocuments(Topology topology) : IEnumerable<UrlDescriptor>
    {
        public IEnumerator<UrlDescriptor> GetEnumerator()
        {
            yield return new UrlDescriptor { Name = "gateway", Url = "/api/gateway/docs" };
            foreach (var cluster in topology.Clusters)
            {
                yield return new UrlDescriptor { Name = cluster.Name, Url = $"/api/{cluster.Name}/docs" };
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
