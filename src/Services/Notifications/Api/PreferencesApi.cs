using System.Globalization;
using Brigade.Api;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Notifications.Api;

public sealed record ChannelSwitches(bool? InApp, bool? Email, bool? Sms, bool? Push);

/// <summary>Quiet hours: <c>HH:mm</c> local times in an IANA zone (default <c>Asia/Seoul</c>); an end at or before the start runs past midnight.</summary>
public sealed record QuietHoursBody(string? Start, string? End, string? TimeZone);

/// <summary>
/// The whole preference document; <c>PUT</c> replaces it (a missing channel returns to its default, no quietHours removes
/// them, no locale keeps the language). <c>locale</c> is the language of everything sent to the person: <c>ko</c>
/// (the default) or <c>en</c>.
/// </summary>
public sealed record PreferencesBody(string? Locale, ChannelSwitches? Channels, QuietHoursBody? QuietHours)
{
    public static PreferencesBody From(PreferenceSet set, string locale) => new(locale,
        new ChannelSwitches(set.Allows(Domain.Channels.InApp), set.Allows(Domain.Channels.Email), set.Allows(Domain.Channels.Sms), set.Allows(Domain.Channels.Push)),
        set.QuietStart is null ? null : new QuietHoursBody(set.QuietStart, set.QuietEnd, set.QuietTimeZone));
}

public sealed record DeviceBody(string? Token, string? Platform);

public sealed record DeviceResponse(string Token, string Platform);

public sealed record PreferenceServices(PreferenceStore Store, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class PreferencesApi
{
    public const string Tag = "Preferences";

    private static readonly string[] Platforms = ["android", "ios", "web"];

    public static RouteGroupBuilder MapPreferences(this RouteGroupBuilder api)
    {
        api.MapGet("/preferences", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetNotificationPreferences").WithSummary("The caller's language, channels and quiet hours").WithTags(Tag);
        api.MapPut("/preferences", PutAsync).RequireAuthorization(Policies.User)
            .WithName("PutNotificationPreferences").WithSummary("Replace the caller's language, channels and quiet hours").WithTags(Tag);
        api.MapPost("/devices", AddDeviceAsync).RequireAuthorization(Policies.User)
            .WithName("RegisterDevice").WithSummary("Register a push token (FCM) of the caller's device").WithTags(Tag);
        api.MapDelete("/devices", RemoveDeviceAsync).RequireAuthorization(Policies.User)
            .WithName("RemoveDevice").WithSummary("Forget one of the caller's push tokens (?token=)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<PreferencesBody>> GetAsync([AsParameters] PreferenceServices s)
    {
        var (set, locale) = await s.Store.GetAsync(s.User.UserId(), s.Ct);
        return TypedResults.Ok(PreferencesBody.From(set, locale));
    }

    public static async Task<Results<Ok<PreferencesBody>, ValidationProblem>> PutAsync(PreferencesBody body, [AsParameters] PreferenceServices s)
    {
        var errors = new FieldErrors();
        var locale = body.Locale is null ? null : errors.OneOf("locale", body.Locale, [Locales.Korean, Locales.English]);
        (string, string, string)? quiet = null;
        if (body.QuietHours is { } q)
        {
            var start = errors.Time("quietHours.start", q.Start);
            var end = errors.Time("quietHours.end", q.End);
            var zone = QuietHours.FindZone(q.TimeZone);
            if (zone is null)
            {
                errors.Add("quietHours.timeZone", "timeZone is an IANA time zone such as Asia/Seoul.", "timeZone은(는) Asia/Seoul 같은 IANA 시간대여야 합니다.");
            }

            if (start is { } from && end is { } to && zone is not null)
            {
                quiet = (from.ToString("HH:mm", CultureInfo.InvariantCulture), to.ToString("HH:mm", CultureInfo.InvariantCulture), zone.Id);
            }
        }

        if (!errors.IsEmpty)
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
        var userId = s.User.UserId();
        await s.Store.SaveAsync(userId, channels, quiet, locale, s.Ct);
        var (set, saved) = await s.Store.GetAsync(userId, s.Ct);
        return TypedResults.Ok(PreferencesBody.From(set, saved));
    }

    public static async Task<Results<Created<DeviceResponse>, Ok<DeviceResponse>, ValidationProblem>> AddDeviceAsync(DeviceBody body, [AsParameters] PreferenceServices s)
    {
        var errors = new FieldErrors();
        var token = errors.RequiredText("token", body.Token, 4096);
        var platform = body.Platform is null ? "android" : errors.OneOf("platform", body.Platform, Platforms);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var created = await s.Store.RegisterDeviceAsync(s.User.UserId(), token!, platform!, s.Ct);
        var response = new DeviceResponse(token!, platform!);
        return created ? TypedResults.Created("/api/notifications/devices", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveDeviceAsync(string token, [AsParameters] PreferenceServices s) =>
        await s.Store.RemoveDeviceAsync(s.User.UserId(), token, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("device", "기기");
}
