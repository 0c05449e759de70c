using Yarp.ReverseProxy.Forwarder;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Upstream failures as problems: YARP sets the status (refused or broken connection → 502, no answer within
/// the cluster's <c>RequestTimeout</c> → 504, no configured or no healthy replica → 503, a client body too
/// large → 413) and leaves the body empty; this writes the <c>application/problem+json</c> body. An upstream's
/// own answers, errors included, pass through untouched (status code pages never see proxied requests).
/// A failure after the response started can only abort the connection, which YARP does.
/// </summary>
public sealed class UpstreamProblems(GatewayMetrics metrics)
{
    /// <summary>After forwarding: writes the problem body when YARP reported a failure and nothing was sent yet.</summary>
    public Task WriteIfFailedAsync(HttpContext http)
    {
        if (http.Features.Get<IForwarderErrorFeature>() is not { } failure || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(http, failure);
    }

    private Task WriteAsync(HttpContext http, IForwarderErrorFeature failure)
    {
        var cluster = http.Features.Get<GatewayRequestState>()?.Route?.Cluster ?? "the service";
        var status = http.Response.StatusCode;
        var (reason, title, detail) = failure.Error switch
        {
            ForwarderError.NoAvailableDestinations => ("no_destination", "Service Unavailable",
                http.GetReverseProxyFeature().AllDestinations.Count == 0
                    ? $"No instance of '{cluster}' is configured."
                    : $"No healthy instance of '{cluster}' is available."),
            ForwarderError.RequestTimedOut => ("upstream_timeout", "Gateway Timeout", $"'{cluster}' did not answer in time."),
            ForwarderError.RequestBodyClient when status == StatusCodes.Status413PayloadTooLarge => ("body_too_large", "Content Too Large",
                $"The request body is larger than the {http.Features.Get<GatewayRequestState>()?.Route?.MaxRequestBodyBytes} bytes this route accepts."),
            ForwarderError.RequestBodyClient => ("client_body", status == StatusCodes.Status408RequestTimeout ? "Request Timeout" : "Bad Request",
                "The request body could not be read."),
            _ when status == StatusCodes.Status504GatewayTimeout => ("upstream_timeout", "Gateway Timeout", $"'{cluster}' did not answer in time."),
            ForwarderError.Request when IsRefused(failure.Exception) => ("upstream_refused", "Bad Gateway", $"'{cluster}' refused the connection."),
            _ => ("upstream_error", "Bad Gateway", $"'{cluster}' failed to answer."),
        };

        if (status < 400)
        {
            status = StatusCodes.Status502BadGateway;
        }

        metrics.Rejected(reason);
        return Problem.WriteAsync(http, status, title, detail);
    }

    /// <summary>The connection could not be opened: nothing reached the replica.</summary>
    public static bool IsRefused(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
