using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Notifications.Tests;

/// <summary>An HTTP SMS gateway and an FCM endpoint on a real socket, recording what they were sent.</summary>
public sealed class FakeProviders : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeProviders(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string? Authorization, JsonElement Body)> Requests { get; } = new();

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeProviders(app);
        app.MapPost("/sms", async (HttpContext http) =>
        {
            fake.Requests.Enqueue(("/sms", http.Request.Headers.Authorization.ToString(), await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body)));
            return Results.Ok(new { id = "msg-1" });
        });
        app.MapPost("/v1/projects/{project}/messages:send", async (string project, HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            fake.Requests.Enqueue(($"/v1/projects/{project}/messages:send", http.Request.Headers.Authorization.ToString(), body));
            return body.GetProperty("message").GetProperty("token").GetString()!.StartsWith("gone", StringComparison.Ordinal)
                ? Results.Json(new { error = new { code = 404, status = "NOT_FOUND", message = "Requested entity was not found." } }, statusCode: 404)
                : Results.Ok(new { name = $"projects/{project}/messages/1" });
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class ProviderFactory : NotificationsFactory
{
    public FakeProviders Providers { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Providers = await FakeProviders.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Providers.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Notifications:Sms:Provider"] = "http";
        settings["Notifications:Sms:Url"] = Providers.Url + "/sms";
        settings["Notifications:Sms:ApiKey"] = "sms-key";
        settings["Notifications:Sms:Sender"] = "Brigade";
        settings["Notifications:Push:Provider"] = "fcm";
        settings["Notifications:Push:FcmEndpoint"] = Providers.Url;
        settings["Notifications:Push:FcmProjectId"] = "brigade-test";
        settings["Notifications:Push:FcmAccessToken"] = "fcm-access";
    }
}

public sealed class ProviderTests(ProviderFactory factory) : IClassFixture<ProviderFactory>
{
    [Fact]
    public async Task The_HTTP_adapters_send_SMS_and_FCM_messages_and_forget_devices_FCM_no_longer_knows()
    {
        var person = Actor.Diner("adapters");
        await factory.RegisterAsync(person, phone: "+821099998888");
        using var client = factory.ClientFor(person);
        await (await client.PutAsJsonAsync("/api/notifications/preferences", new { channels = new { sms = true, push = true } })).ShouldBeAsync(HttpStatusCode.OK);
        var good = "good-" + Guid.NewGuid().ToString("N");
        var gone = "gone-" + Guid.NewGuid().ToString("N");
        await (await client.PostAsJsonAsync("/api/notifications/devices", new { token = good, platform = "android" })).ShouldBeAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/notifications/devices", new { token = gone, platform = "ios" })).ShouldBeAsync(HttpStatusCode.Created);

        await factory.SendAsync(new { userId = person.Id, title = "adapter check", body = "hello" });

        await NotificationsFactory.EventuallyAsync(() => Task.FromResult(factory.Providers.Requests.Count(r => r.Path == "/sms" && r.Body.GetProperty("to").GetString() == "+821099998888") == 1
            && factory.Providers.Requests.Count(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal)) >= 2), "the SMS and both pushes");
        var sms = factory.Providers.Requests.Single(r => r.Path == "/sms" && r.Body.GetProperty("to").GetString() == "+821099998888");
        sms.Authorization.ShouldBe("Bearer sms-key");
        sms.Body.GetProperty("text").GetString()!.ShouldContain("adapter check");
        var push = factory.Providers.Requests.Single(r => r.Path == "/v1/projects/brigade-test/messages:send" && r.Body.GetProperty("message").GetProperty("token").GetString() == good);
        push.Authorization.ShouldBe("Bearer fcm-access");
        push.Body.GetProperty("message").GetProperty("notification").GetProperty("title").GetString().ShouldBe("adapter check");

        using var admin = factory.ClientFor(Actor.Admin());
        await NotificationsFactory.EventuallyAsync(async () =>
        {
            var page = await (await admin.GetAsync($"/api/notifications/deliveries?userId={person.Id}")).ShouldBeAsync(HttpStatusCode.OK);
            var items = page.Items().Where(d => d.GetProperty("subject").GetString() == "adapter check").ToList();
            return items.Count(d => d.GetProperty("status").GetString() == "sent") == 3
                && items.Any(d => d.GetProperty("recipient").GetString() == gone && d.GetProperty("status").GetString() == "failed" && d.GetProperty("attempts").GetInt32() == 1);
        }, "email, SMS and one push sent; the unknown device failed at once");
        (await factory.CountAsync("SELECT count(*) FROM device_tokens WHERE user_id = @id", new { id = person.Id })).ShouldBe(1);
    }
}
