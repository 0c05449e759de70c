using Brigade.Api;
using NodaTime;

namespace Brigade.Reservations.Domain;

/// <summary>The fields every table request carries (a booking, a concierge request): the restaurant, the start and the party.</summary>
public static class TableRequest
{
    public const int MaxPartySize = 100;

    /// <summary>
    /// Checks the restaurant, the start (an instant with its offset: <see cref="LocalTimes.ParseInstant"/>) and a party of
    /// 1–<see cref="MaxPartySize"/>; returns the party size (1 when invalid) and the start (null when invalid).
    /// </summary>
    public static (int PartySize, Instant? Start) Check(FieldErrors errors, Guid? restaurantId, string? start, int? partySize)
    {
        errors.RequiredId("restaurantId", restaurantId);
        var at = LocalTimes.ParseInstant(errors, "start", start);
        return (errors.RequiredRange("partySize", partySize, 1, MaxPartySize) ?? 1, at);
    }
}
