namespace Brigade.Gateway.Edge;

/// <summary>
/// Request body limits that agree with the services'. Each route has a limit (by default the services' own,
/// <c>Brigade:Limits:MaxRequestBodyBytes</c>): a declared larger body is refused at once with a 413 problem
/// and never travels; a chunked one is cut off by Kestrel when it crosses the limit (YARP applies the route's
/// limit, and the cut-off becomes a 413 problem in <see cref="UpstreamProblems"/>).
/// A body the gateway lets through but the service refuses (a route allowing more than its service) gets the
/// service's own answer: large bodies go upstream with <c>Expect: 100-continue</c>, so a service that refuses
/// one from its headers (413, 401, …) answers before a byte of it is sent, instead of closing the connection
/// under a half-sent body (which came back as a 502). That connection is then not reused.
/// </summary>
public static class BodyLimits
{
    /// <summary>False (and a 413 problem written) when the declared length is over the route's limit.</summary>
    public static bool DeclaredWithin(HttpContext http, GatewayRoute route) =>
        route.MaxRequestBodyBytes <= 0 || !(http.Request.ContentLength > route.MaxRequestBodyBytes);

    public static Task RefuseAsync(HttpContext http, GatewayRoute route) =>
        Problem.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Content Too Large",
            $"The request body is larger than the {route.MaxRequestBodyBytes} bytes this route accepts.");

    /// <summary>Asks the service to accept a large (or unknown-length) body before it is sent.</summary>
    public static void ExpectContinue(HttpContext http, HttpRequestMessage upstream, long above)
    {
        if (upstream.Content is null)
        {
            return;
        }

        var length = http.Request.ContentLength;
        if (length is null || length > above)
        {
            upstream.Headers.ExpectContinue = true;
        }
    }
}
