using Brigade.Api;

namespace Brigade.Reservations.Domain;

/// <summary>The fields every table request carries (a booking, a concierge request): the restaurant, the start and the party.</summary>
public static class TableRequest
{
    public const int MaxPartySize = 100;

    /// <summary>Checks the restaurant, the start and a party of 1–<see cref="MaxPartySize"/>; returns the party size (1 when invalid).</summary>
    public static int Check(FieldErrors errors, Guid? restaurantId, DateTimeOffset? start, int? partySize)
    {
        errors.RequiredId("restaurantId", restaurantId);
        if (start is null)
        {
            errors.Missing("start", "2026-12-24T19:00:00+09:00");
        }

        return errors.RequiredRange("partySize", partySize, 1, MaxPartySize) ?? 1;
    }
}
