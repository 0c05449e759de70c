using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Turns every exception that escapes an endpoint into RFC 9457 problem details: client mistakes
/// keep their 4xx status with a precise message, a dependency that timed out or a transient database error (deadlock victim, serialization failure) is a 503 with Retry-After,
/// anything else is a 500 that reveals nothing.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = 499; // client closed the request; nobody reads a body
            return true;
        }

        var fieldErrors = exception switch
        {
            ProblemException { Errors: { } errors } => errors,
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => Brigade.Api.BindingErrors.Describe(bad),
            _ => null,
        };
        var problem = exception switch
        {
            ProblemException p => new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message },
            BadHttpRequestException bad when fieldErrors is not null => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = Brigade.Api.Localized.Text("One or more validation errors occurred.", "입력값을 확인해 주세요."),
                Detail = fieldErrors.First().Value[0],
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = TitleFor(bad.StatusCode), Detail = DescribeBadRequest(bad) },
            _ => null,
        };

        if (problem is null && IsTransient(exception))
        {
            // A database pool that ran dry, a cache that did not answer in time, a transaction lost to a deadlock or a
            // serialization conflict: the request may well succeed if sent again. 503 with Retry-After tells the caller
            // to come back, where a 500 would say the request itself failed.
            logger.LogWarning(exception, "Overloaded on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = "1";
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service Unavailable",
                Detail = Brigade.Api.Localized.Text("The service is busy; retry in a moment.", "서비스가 바쁩니다. 잠시 후 다시 시도해 주세요."),
            };
        }

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal Server Error",
                Detail = "The server could not complete the request. Quote the traceId when reporting it.",
            };
        }

        if (fieldErrors is not null)
        {
            problem.Extensions["errors"] = fieldErrors;
        }

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A failure that says nothing about the request: a wait for a dependency that timed out (Npgsql's "connection pool
    /// has been exhausted", a Redis timeout), or a database error its provider calls transient (PostgreSQL's deadlock
    /// victim 40P01, serialization failure 40001, a server starting or shutting down).
    /// </summary>
    private static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"Malformed JSON: {FirstSentence(json.Message)}",
        _ => bad.Message,
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..(cut + 1)];
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        _ => "Bad Request",
    };
}

/// <summary>A client error raised below the endpoint layer (paging, shared parsing) with its HTTP status.</summary>
public sealed class ProblemException(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IDictionary<string, string[]>? Errors { get; } = errors;

    public static ProblemException Validation(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", message,
            new Dictionary<string, string[]> { [field] = [message] });
}
