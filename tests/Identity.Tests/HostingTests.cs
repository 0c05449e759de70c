using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Brigade.Identity.Tests;

/// <summary>The Local profile without a configured admin password: one is generated into the state directory.</summary>
public sealed class LocalProfileFactory : IdentityFactory
{
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("brigade-identity-").FullName;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Identity:AdminPassword"] = "";
        settings["Brigade:StateDirectory"] = StateDirectory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Local");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}

public class LocalProfileTests(LocalProfileFactory factory) : IClassFixture<LocalProfileFactory>
{
    [Fact]
    public async Task Without_a_configured_password_Local_generates_one_into_the_state_directory()
    {
        _ = factory.Server; // start
        var file = Path.Combine(factory.StateDirectory, "admin-password");

        File.Exists(file).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var password = (await File.ReadAllTextAsync(file)).Trim();
        password.Length.ShouldBeGreaterThanOrEqualTo(20);

        var tokens = await factory.LoginAsync("admin", password);
        (await factory.ClientWith(tokens.AccessToken).GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public class OpenApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Every_endpoint_is_named_summarised_and_tagged()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => (Path: path.Name, Operation: o.Value)))
            .ToList();
        operations.Count.ShouldBeGreaterThanOrEqualTo(25);
        foreach (var (path, operation) in operations)
        {
            operation.TryGetProperty("operationId", out _).ShouldBeTrue(path);
            operation.TryGetProperty("summary", out _).ShouldBeTrue(path);
            operation.GetProperty("tags").GetArrayLength().ShouldBeGreaterThan(0, path);
        }

        document.GetProperty("paths").TryGetProperty("/api/auth/login", out _).ShouldBeTrue();
        document.GetProperty("paths").TryGetProperty("/api/users/register", out _).ShouldBeTrue();
    }
}
