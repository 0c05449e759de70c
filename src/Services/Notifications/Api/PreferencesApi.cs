using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Brigade.Notifications.Api;

public sealed record ChannelSwitches(bool? InApp, bool? Email, bool? Sms, bool? Push);

/// <summary>Quiet hours: <c>HH:mm</c> local times in an IANA zone (default <c>Asia/Seoul</c>); an end at or before the start runs past midnight.</summary>
public sealed record QuietHoursBody(string? Start, string? End, string? TimeZone);

/// <summary>The whole preference document; <c>PUT</c> replaces it (a missing channel returns to its default, no quietHours removes them).</summary>
public sealed record PreferencesBody(string? Locale, ChannelSwitches? Channels, QuietHoursBody? QuietHours);

public sealed record DeviceBody(string? Token, string? Platform);

public sealed record DeviceResponse(string Token, string Platform);

public sealed record PreferenceServices(PreferenceStore Store, HttpContext Http)
{
    internal Guid UserId => Http.User.UserId();

    internal CancellationToken Ct => Http.RequestAborted;
}

/// <summary>Reads and writes preferences and devices for the API.</summary>
public sealed class PreferenceStore(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<PreferencesBody> GetAsync(Guid userId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var set = await Preferences.LoadAsync(c, null, userId, ct);
        var locale = await Preferences.LocaleAsync(c, userId, ct);
        return new PreferencesBody(locale,
            new ChannelSwitches(set.Allows(Channels.InApp), set.Allows(Channels.Email), set.Allows(Channels.Sms), set.Allows(Channels.Push)),
            set.QuietStart is null ? null : new QuietHoursBody(set.QuietStart, set.QuietEnd, set.QuietTimeZone));
    }

    public Task SaveAsync(Guid userId, IReadOnlyDictionary<string, bool> channels, (string, string, string)? quiet, string? locale, CancellationToken ct) =>
        Preferences.SaveAsync(db, userId, channels, quiet, replaceQuiet: true, locale, ct);

    public Task<bool> RegisterDeviceAsync(Guid userId, string token, string platform, CancellationToken ct) =>
        Preferences.RegisterDeviceAsync(db, userId, token, platform, clock.GetUtcNow(), ct);

    public Task<bool> RemoveDeviceAsync(Guid userId, string token, CancellationToken ct) => Preferences.RemoveDeviceAsync(db, userId, token, ct);
}

public static class PreferencesApi
{
    public const string Tag = "Preferences";

    private static readonly string[] Platforms = ["android", "ios", "web"];

    public static RouteGroupBuilder MapPreferences(this RouteGroupBuilder api)
    {
        api.MapGet("/preferences", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetNotificationPreferences").WithSummary("The caller's locale, channels and quiet hours").WithTags(Tag);
        api.MapPut("/preferences", PutAsync).RequireAuthorization(Policies.User)
            .WithName("PutNotificationPreferences").WithSummary("Replace the caller's locale, channels and quiet hours").WithTags(Tag);
        api.MapPost("/devices", AddDeviceAsync).RequireAuthorization(Policies.User)
            .WithName("RegisterDevice").WithSummary("Register a push token (FCM) of the caller's device").WithTags(Tag);
        api.MapDelete("/devices", RemoveDeviceAsync).RequireAuthorization(Policies.User)
            .WithName("RemoveDevice").WithSummary("Forget one of the caller's push tokens (?token=)").WithTags(Tag);
        return api;
    }

    public static async Task<Ok<PreferencesBody>> GetAsync([AsParameters] PreferenceServices s) =>
        TypedResults.Ok(await s.Store.GetAsync(s.UserId, s.Ct));

    public static async Task<Results<Ok<PreferencesBody>, ValidationProblem>> PutAsync(PreferencesBody body, [AsParameters] PreferenceServices s)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Locale is not null && !Locales.IsKnown(body.Locale))
        {
            errors.Add("locale", "locale is 'ko' or 'en'.");
        }

        (string, string, string)? quiet = null;
        if (body.QuietHours is { } q)
        {
            if (!QuietHours.TryParseTime(q.Start, out var start))
            {
                errors.Add("quietHours.start", "start is a local time HH:mm.");
            }

            if (!QuietHours.TryParseTime(q.End, out var end))
            {
                errors.Add("quietHours.end", "end is a local time HH:mm.");
            }

            var zone = QuietHours.FindZone(q.TimeZone);
            if (zone is null)
            {
                errors.Add("quietHours.timeZone", "timeZone is an IANA time zone such as Asia/Seoul.");
            }

            if (errors.Count == 0)
            {
                quiet = (QuietHours.Format(start), QuietHours.Format(end), zone!.Id);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var c = body.Channels;
        var channels = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            [Channels.InApp] = c?.InApp ?? Channels.DefaultEnabled(Channels.InApp),
            [Channels.Email] = c?.Email ?? Channels.DefaultEnabled(Channels.Email),
            [Channels.Sms] = c?.Sms ?? Channels.DefaultEnabled(Channels.Sms),
            [Channels.Push] = c?.Push ?? Channels.DefaultEnabled(Channels.Push),
        };
        await s.Store.SaveAsync(s.UserId, channels, quiet, body.Locale, s.Ct);
        return TypedResults.Ok(await s.Store.GetAsync(s.UserId, s.Ct));
    }

    public static async Task<Results<Created<DeviceResponse>, Ok<DeviceResponse>, ValidationProblem>> AddDeviceAsync(DeviceBody body, [AsParameters] PreferenceServices s)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var token = body.Token?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            errors.Add("token", "token is required, at most 4096 characters.");
        }

        var platform = body.Platform?.Trim().ToLowerInvariant() ?? "android";
        if (!Platforms.Contains(platform))
        {
            errors.Add("platform", "platform is android, ios or web.");
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var created = await s.Store.RegisterDeviceAsync(s.UserId, token!, platform, s.Ct);
        var response = new DeviceResponse(token!, platform);
        return created ? TypedResults.Created("/api/notifications/devices", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveDeviceAsync(string token, [AsParameters] PreferenceServices s) =>
        await s.Store.RemoveDeviceAsync(s.UserId, token, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("device");
}
