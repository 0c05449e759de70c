using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Brigade.BuildingBlocks.Tests;

public sealed class EndpointAccessTests
{
    [Fact]
    public async Task A_service_with_an_endpoint_that_does_not_declare_access_does_not_start()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults("careless");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/declared", () => "ok").AllowAnonymous();
        app.MapDelete("/tables/{id}", (Guid id) => Results.NoContent());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.StartAsync());

        error.Message.ShouldContain("DELETE /tables/{id}");
        error.Message.ShouldNotContain("/declared");
    }
}
