using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Refuses to start a service with an endpoint that does not say who may call it
/// (<c>RequireAuthorization(...)</c> or <c>AllowAnonymous()</c>), so an open endpoint is always a decision.
/// Runs when the host starts, after every endpoint has been mapped.
/// </summary>
internal sealed class EndpointAccessCheck : IHostedService
{
    /// <summary>The application's endpoints, handed over by <c>MapDefaultEndpoints</c>.</summary>
    public IEndpointRouteBuilder? Routes { get; set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var undeclared = (Routes?.DataSources ?? []).SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException(
                "Every endpoint must declare who may call it (RequireAuthorization or AllowAnonymous). Undeclared: " + string.Join("; ", undeclared));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
