using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Brigade.Messaging;

/// <summary>Which dead letters an operator action applies to: the listed message ids, or every one with <c>all: true</c>.</summary>
public sealed record DeadLetterSelection(string[]? MessageIds, bool All = false);

public sealed record DeadLetterActionResult(int Count);

/// <summary>Operator endpoints under <c>/admin/events</c>, for the <c>admin</c> role only.</summary>
public static class MessagingAdminApi
{
    public static RouteGroupBuilder MapMessagingAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/events")
            .RequireAuthorization(p => p.RequireRole("admin"))
            .WithTags("Events");

        group.MapGet("/dead-letters", ListDeadLettersAsync)
            .WithName("ListDeadLetters")
            .WithSummary("Messages this service could not read or handle, with the reason, oldest first.");
        group.MapPost("/dead-letters/replay", ReplayAsync)
            .WithName("ReplayDeadLetters")
            .WithSummary("Sends dead letters back to this service's queue for a fresh set of attempts.");
        group.MapPost("/dead-letters/discard", DiscardAsync)
            .WithName("DiscardDeadLetters")
            .WithSummary("Deletes dead letters for good.");
        group.MapGet("/outbox", OutboxAsync)
            .WithName("GetOutboxStatus")
            .WithSummary("Events committed but not yet published: how many and how old the oldest is.");
        return group;
    }

    private static async Task<Results<Ok<DeadLetterList>, ValidationProblem>> ListDeadLettersAsync(DeadLetters deadLetters, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 1000."] });
        }

        return TypedResults.Ok(await deadLetters.ListAsync(limit ?? 100, ct));
    }

    private static async Task<Results<Ok<DeadLetterActionResult>, ValidationProblem>> ReplayAsync(DeadLetters deadLetters, DeadLetterSelection selection, CancellationToken ct) =>
        Validate(selection) is { } problem ? problem : TypedResults.Ok(new DeadLetterActionResult(await deadLetters.ReplayAsync(selection.All ? null : selection.MessageIds, ct)));

    private static async Task<Results<Ok<DeadLetterActionResult>, ValidationProblem>> DiscardAsync(DeadLetters deadLetters, DeadLetterSelection selection, CancellationToken ct) =>
        Validate(selection) is { } problem ? problem : TypedResults.Ok(new DeadLetterActionResult(await deadLetters.DiscardAsync(selection.All ? null : selection.MessageIds, ct)));

    private static async Task<Ok<OutboxStatus>> OutboxAsync(OutboxMonitor monitor, CancellationToken ct) => TypedResults.Ok(await monitor.ReadAsync(ct));

    private static ValidationProblem? Validate(DeadLetterSelection selection)
    {
        var hasIds = selection.MessageIds is { Length: > 0 };
        if (hasIds == selection.All)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["messageIds"] = ["Give either messageIds (one or more) or all: true."],
            });
        }

        if (hasIds && selection.MessageIds!.Any(id => !Guid.TryParse(id, out _)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["messageIds"] = ["Every message id must be a UUID."] });
        }

        return null;
    }
}
