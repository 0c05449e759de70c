namespace Brigade.Gateway.Edge;

/// <summary>
/// Response headers every answer leaving the gateway carries: the request id echoed back and the
/// browser-hardening headers. Applied when the response starts, so they survive a cleared response and
/// an upstream that sets its own stricter policy keeps it.
/// </summary>
public static class SecurityHeaders
{
    public static Task Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        if (http.Features.Get<GatewayRequestState>() is { } state)
        {
            headers[RequestIds.Header] = state.RequestId;
        }

        if (!headers.ContainsKey("X-Content-Type-Options"))
        {
            headers.XContentTypeOptions = "nosniff";
        }

        if (!headers.ContainsKey("X-Frame-Options"))
        {
            headers.XFrameOptions = "DENY";
        }

        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        }

        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        }

        if (http.Request.IsHttps && !headers.ContainsKey("Strict-Transport-Security"))
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        return Task.CompletedTask;
    }
}
