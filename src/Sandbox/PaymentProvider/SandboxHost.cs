using System.Text;

namespace Brigade.Sandbox.PaymentProvider;

/// <summary>
/// Builds the sandbox: a local stand-in for a Korean PG whose API is shaped like Toss Payments'
/// (<c>/v1/payments/key-in</c>, <c>/v1/payments/confirm</c>, <c>/v1/payments/{paymentKey}/cancel</c>, lookups, payouts)
/// and which notifies the merchant by signed webhooks. Tests and benchmarks host it in-process with
/// <see cref="StartAsync"/>; <c>./brigade up</c> runs it as its own process.
/// </summary>
public static class SandboxHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (builder.Configuration["Brigade:ServicesFile"] is { Length: > 0 } servicesFile)
        {
            builder.Configuration.AddJsonFile(servicesFile, optional: true, reloadOnChange: true);
        }

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        var options = new SandboxOptions();
        builder.Configuration.GetSection("Sandbox").Bind(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new WebhookTransport());
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        builder.Services.AddSingleton<SandboxBook>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "Healthy" }));
        app.MapGet("/health/ready", () => TypedResults.Ok(new { status = "Healthy" }));
        app.MapSandboxApi();
        return app;
    }

    /// <summary>Starts the sandbox on a free loopback port; <paramref name="webhookHandler"/> carries its notifications (e.g. to a test host).</summary>
    public static async Task<RunningSandbox> StartAsync(SandboxOptions options, Func<HttpMessageHandler>? webhookHandler = null)
    {
        var app = Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(new WebhookTransport(webhookHandler));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new RunningSandbox(app);
    }
}

/// <summary>A sandbox running in this process.</summary>
public sealed class RunningSandbox(WebApplication app) : IAsyncDisposable
{
    public string Url { get; } = app.Urls.First().TrimEnd('/') + "/";

    public SandboxBook Book => app.Services.GetRequiredService<SandboxBook>();

    public WebhookSender Webhooks => app.Services.GetRequiredService<WebhookSender>();

    /// <summary>The running sandbox's settings; a test may change what it reads at each call (<see cref="SandboxOptions.SendNotifications"/>).</summary>
    public SandboxOptions Options => app.Services.GetRequiredService<SandboxOptions>();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>The <c>Authorization</c> header value a merchant with <paramref name="secretKey"/> sends.</summary>
    public static string BasicAuth(string secretKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey + ":"));
}
