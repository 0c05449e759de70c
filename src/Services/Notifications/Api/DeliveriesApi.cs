using Brigade.Api;
using Brigade.Data;
using Brigade.Notifications.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Notifications.Api;

public sealed record DeliveryItem(
    Guid Id, Guid? NotificationId, Guid? UserId, string Channel, string Recipient, string Type, string Subject,
    string Status, int Attempts, string? LastError, DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static DeliveryItem From(DeliveryRow r) => new(r.Id, r.NotificationId, r.UserId, r.Channel, r.Recipient, r.Type, r.Subject,
        r.Status, r.Attempts, r.LastError, r.NextAttemptAt, r.CreatedAt, r.SentAt);
}

public sealed record DeliveryServices(Deliveries Deliveries, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>The operator's view of email, SMS and push: what failed for good and why, and a way to try again.</summary>
public static class DeliveriesApi
{
    public const string Tag = "Deliveries";

    private static readonly string[] Statuses = ["pending", "sent", "failed"];

    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/deliveries", ListAsync).RequireAuthorization(Policies.Admin)
            .WithName("ListDeliveries").WithSummary("Email, SMS and push deliveries with attempts and last error (?status=failed&userId=) (admin)").WithTags(Tag);
        api.MapPost("/deliveries/{id:guid}/retry", RetryAsync).RequireAuthorization(Policies.Admin)
            .WithName("RetryDelivery").WithSummary("Try a failed delivery again with a fresh set of attempts (admin)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<Page<DeliveryItem>>, ValidationProblem>> ListAsync(string? status, Guid? userId, int? limit, string? cursor, [AsParameters] DeliveryServices s)
    {
        var errors = new FieldErrors();
        status = status is null ? null : errors.OneOf("status", status, Statuses);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var rows = await s.Deliveries.ListAsync(status, userId, Paging.Decode<Guid?>(cursor), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(DeliveryItem.From).ToList(), take, d => d.Id));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(Guid id, [AsParameters] DeliveryServices s) =>
        await s.Deliveries.RetryAsync(id, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("failed delivery", "실패한 발송");
}
