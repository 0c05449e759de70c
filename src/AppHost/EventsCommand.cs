using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Brigade.AppHost;

/// <summary>
/// <c>./brigade events …</c>: the operator surface of the event bus on a running platform. Signs in as
/// the local admin and calls a service's <c>/admin/events/*</c> endpoints (Messaging's MapMessagingAdmin).
/// </summary>
sealed class EventsCommand(Settings settings)
{
    public const string Usage = """
        events dead-letters <service> [--limit N]   list dead-lettered messages with their reasons
        events replay <service> (--all | <id>...)    put dead letters back on the service's queue
        events discard <service> (--all | <id>...)   drop dead letters
        events outbox [<service>...]                 outbox backlog and oldest unsent age
        """;

    public async Task<int> RunAsync(string[] args)
    {
        var services = ReadServices();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(http, services));

        switch (args)
        {
            case ["dead-letters", var service, .. var rest]:
                var limit = rest is ["--limit", var n] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 50;
                return await PrintAsync(http.GetAsync($"{UrlOf(services, service)}/admin/events/dead-letters?limit={limit}"));
            case [var action and ("replay" or "discard"), var service, .. var rest] when rest.Length > 0:
                object selection = rest is ["--all"] ? new { all = true } : new { messageIds = rest };
                return await PrintAsync(http.PostAsJsonAsync($"{UrlOf(services, service)}/admin/events/dead-letters/{action}", selection));
            case ["outbox", .. var names]:
                var exit = 0;
                foreach (var name in names.Length > 0 ? names : [.. services.Keys.Where(s => s != "gateway").Order()])
                {
                    Console.WriteLine($"{name}:");
                    exit |= await PrintAsync(http.GetAsync($"{UrlOf(services, name)}/admin/events/outbox"));
                }

                return exit;
            default:
                Console.Error.WriteLine("usage:\n" + Usage);
                return 2;
        }
    }

    private Dictionary<string, string[]> ReadServices()
    {
        if (!File.Exists(settings.ServicesFile))
        {
            throw new LauncherException("the platform is not running: start it with ./brigade up --detach");
        }

        var root = JsonNode.Parse(File.ReadAllText(settings.ServicesFile))?["Services"]?.AsObject()
            ?? throw new LauncherException($"{settings.ServicesFile} has no Services");
        return root.ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(u => u!.GetValue<string>()).ToArray());
    }

    private static string UrlOf(Dictionary<string, string[]> services, string name) =>
        services.TryGetValue(name, out var urls) && urls.Length > 0
            ? urls[0]
            : throw new LauncherException($"service '{name}' is not running (known: {string.Join(", ", services.Keys.Order())})");

    private async Task<string> SignInAsync(HttpClient http, Dictionary<string, string[]> services)
    {
        var password = Environment.GetEnvironmentVariable("BRIGADE_ADMIN_PASSWORD") is { Length: > 0 } fromEnv
            ? fromEnv
            : File.Exists(settings.AdminPasswordFile) ? (await File.ReadAllTextAsync(settings.AdminPasswordFile)).Trim()
            : throw new LauncherException("no admin password: set BRIGADE_ADMIN_PASSWORD or start the platform with ./brigade up");
        var response = await http.PostAsJsonAsync($"{UrlOf(services, "identity")}/api/auth/login", new { username = "admin", password });
        if (!response.IsSuccessStatusCode)
        {
            throw new LauncherException($"admin sign-in failed: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    private static async Task<int> PrintAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            text = JsonNode.Parse(text)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? text;
        }
        catch (JsonException)
        {
            // not JSON: print as it came
        }

        Console.WriteLine(response.IsSuccessStatusCode ? text : $"HTTP {(int)response.StatusCode}: {text}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
