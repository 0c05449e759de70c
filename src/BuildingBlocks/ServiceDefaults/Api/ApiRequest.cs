using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Brigade.Api;

/// <summary>
/// What every endpoint's <c>[AsParameters]</c> bundle carries besides its stores: the request and the clock.
/// <code>
/// public sealed record ReservationServices(ReservationStore Reservations, TimeProvider Clock, HttpContext Http) : IApiRequest;
/// </code>
/// The caller, the cancellation token and the time come from the extension members below, so no bundle declares them
/// again. (Only public constructor members are bound; a <c>ClaimsPrincipal</c> member would also send the validation
/// generator walking the principal's graph.)
/// </summary>
public interface IApiRequest
{
    HttpContext Http { get; }

    TimeProvider Clock { get; }
}

public static class ApiRequestExtensions
{
    extension(IApiRequest request)
    {
        public ClaimsPrincipal User => request.Http.User;

        public CancellationToken Ct => request.Http.RequestAborted;

        public Instant Now => Instant.FromDateTimeOffset(request.Clock.GetUtcNow());
    }
}
