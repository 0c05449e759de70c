using Brigade.Security;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Brigade.Gateway.Edge;

/// <summary>Who the edge authenticated, for the per-user limits and the access log.</summary>
public static class EdgeUser
{
    /// <summary>
    /// The authenticated user's subject (<c>sub</c>), or null. Read from the feature authentication sets:
    /// <c>HttpContext.User</c> would build an empty principal for every anonymous request.
    /// </summary>
    public static string? Subject(HttpContext http) =>
        http.Features.Get<IHttpAuthenticationFeature>()?.User is { Identity.IsAuthenticated: true } user
            ? user.FindFirst(ClaimNames.Subject)?.Value
            : null;
}
