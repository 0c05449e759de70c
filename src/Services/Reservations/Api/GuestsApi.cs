using Brigade.Api;
using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Reservations.Api;

public sealed record GuestResponse(
    Guid Id, Guid RestaurantId, string Name, string Phone, IReadOnlyList<string> Tags, string? Notes, int Visits, int NoShows, DateTimeOffset? LastVisitAt, DateTimeOffset CreatedAt)
{
    public static GuestResponse From(GuestRow g) => new(g.Id, g.RestaurantId, g.Name, g.Phone, g.Tags, g.Notes, g.Visits, g.NoShows, g.LastVisitAt, g.CreatedAt);
}

/// <summary>Staff changes to a guest: absent fields stay; <c>notes: ""</c> clears the notes.</summary>
public sealed record GuestPatch(string? Name, IReadOnlyList<string?>? Tags, string? Notes);

public sealed record GuestServices(GuestStore Guests, RightsStore Rights, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class GuestsApi
{
    public const string Tag = "Guest book";

    public static RouteGroupBuilder MapGuests(this RouteGroupBuilder api)
    {
        api.MapGet("/guests", ListAsync).RequireAuthorization()
            .WithName("ListGuests").WithSummary("A restaurant's guest book by name, or the guest with a phone number (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/guests/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetGuest").WithSummary("One guest with visit and no-show counts (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/guests/{id:guid}", UpdateAsync).RequireAuthorization()
            .WithName("UpdateGuest").WithSummary("Change a guest's name, tags (vip, allergy, birthday…) or staff notes (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<GuestResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? restaurantId, string? phone, int? limit, string? cursor, [AsParameters] GuestServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        var normalized = errors.Phone("phone", phone) is { } written ? GuestBook.NormalizePhone(written) : null;
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!await s.Rights.IsStaffAsync(s.User, restaurantId!.Value, s.Ct))
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<GuestCursor>(cursor);
        var rows = await s.Guests.ListAsync(restaurantId.Value, normalized, after is null ? null : (after.Name, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(GuestResponse.From).ToList(), take, g => new GuestCursor(g.Name, g.Id)));
    }

    public static async Task<Results<Ok<GuestResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] GuestServices s)
    {
        var guest = await s.Guests.FindAsync(id, s.Ct);
        return guest is not null && await s.Rights.IsStaffAsync(s.User, guest.RestaurantId, s.Ct)
            ? TypedResults.Ok(GuestResponse.From(guest))
            : Problems.NotFound("guest", "손님");
    }

    public static async Task<Results<Ok<GuestResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, GuestPatch body, [AsParameters] GuestServices s)
    {
        var errors = new FieldErrors();
        var name = errors.OptionalText("name", body.Name, 100);
        var notes = errors.OptionalText("notes", body.Notes, 2000);
        var tags = body.Tags is null ? null : GuestBook.Tags("tags", body.Tags, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var guest = await s.Guests.FindAsync(id, s.Ct);
        if (guest is null || !await s.Rights.IsStaffAsync(s.User, guest.RestaurantId, s.Ct))
        {
            return Problems.NotFound("guest", "손님");
        }

        var updated = await s.Guests.UpdateAsync(id, name, tags, notes, clearNotes: body.Notes is not null && notes is null, s.Clock.GetUtcNow(), s.Ct);
        return updated is null ? Problems.NotFound("guest", "손님") : TypedResults.Ok(GuestResponse.From(updated));
    }

    private sealed record GuestCursor(string Name, Guid Id);
}
