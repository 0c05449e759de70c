namespace Brigade.Gateway.Edge;

/// <summary>
/// A path and query longer than <c>Gateway:MaxUriLength</c> (8 KiB) is refused with a 414 problem. Kestrel's
/// own request-line limit is set well above it (<see cref="KestrelRequestLineLimit"/>) because Kestrel answers
/// its own 414 with an empty body; only a request line past that still gets Kestrel's empty answer.
/// </summary>
public static class UriLength
{
    public const int KestrelRequestLineLimit = 64 * 1024;

    public static Task InvokeAsync(HttpContext http, RequestDelegate next, int maxLength)
    {
        var request = http.Request;
        var length = (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (length <= maxLength)
        {
            return next(http);
        }

        return Problem.WriteAsync(http, StatusCodes.Status414UriTooLong, "URI Too Long",
            $"The path and query are {length} characters long; the gateway takes at most {maxLength}.");
    }
}
