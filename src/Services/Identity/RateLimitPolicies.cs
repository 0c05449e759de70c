using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Brigade.Api;
using Brigade.Identity.Domain;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Brigade.Identity;

/// <summary>
/// Per-address limits (ASP.NET Core rate limiter, policies below) and the per-account limit on sign-in attempts
/// (<see cref="AccountLoginLimiter"/>). Behind the gateway the client's address is the last <c>X-Forwarded-For</c>
/// entry, trusted only when the request comes from a loopback address (the gateway on this machine) or in-process tests.
/// </summary>
public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Recovery = "recovery";
    public const string ServiceToken = "service-token";

    public static IServiceCollection AddIdentityRateLimits(this IServiceCollection services)
    {
        services.AddSingleton(sp => new AccountLoginLimiter(sp.GetRequiredService<IOptions<IdentityOptions>>().Value.RateLimits.LoginsPerMinutePerAccount));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return new ValueTask(TooManyRequests(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext));
            };
            o.AddPolicy(Login, http => PerAddress(http, Login, l => l.LoginsPerMinutePerAddress));
            o.AddPolicy(Register, http => PerAddress(http, Register, l => l.RegistrationsPerMinutePerAddress));
            o.AddPolicy(Recovery, http => PerAddress(http, Recovery, l => l.RecoveryPerMinutePerAddress));
            o.AddPolicy(ServiceToken, http => PerAddress(http, ServiceToken, l => l.TokenRequestsPerMinutePerAddress));
        });
        return services;
    }

    /// <summary>A 429 problem with <c>Retry-After</c> in whole seconds.</summary>
    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests("Too many attempts; wait before trying again.", "시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.");
    }

    public static string ClientAddress(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress;
        if (peer is null || IPAddress.IsLoopback(peer))
        {
            var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (last is not null && IPAddress.TryParse(last, out var client))
            {
                return client.ToString();
            }
        }

        return peer?.ToString() ?? "unknown";
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, string policy, Func<RateLimitOptions, int> limit)
    {
        var permits = limit(http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.RateLimits);
        return RateLimitPartition.GetFixedWindowLimiter($"{policy}|{permits}|{ClientAddress(http)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
