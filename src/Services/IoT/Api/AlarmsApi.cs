using System.Globalization;
using System.Text;
using Brigade.Api;
using Brigade.Data;
using Brigade.IoT.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Brigade.IoT.Api;

/// <summary><c>state</c>: raised, escalated, acknowledged, cleared; <c>kind</c>: above, below, door_open, offline.</summary>
public sealed record AlarmResponse(Guid Id, Guid DeviceId, string DeviceName, string Kind, string State, double? Value, double? Threshold,
    DateTimeOffset RaisedAt, DateTimeOffset? EscalatedAt, DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy, string? CorrectiveAction, DateTimeOffset? ClearedAt);

public sealed record AlarmsResponse(IReadOnlyList<AlarmResponse> Items);

/// <summary>What was done about the alarm (kept in the HACCP log), and the temperature measured then if any.</summary>
public sealed record AcknowledgeBody(string? CorrectiveAction, double? Temperature);

/// <summary>A temperature check by a person, of a device or (deviceId null) of anything else they note.</summary>
public sealed record CheckBody(Guid? DeviceId, double? Temperature, string? Note);

/// <summary><c>kind</c>: check, alarm, corrective_action.</summary>
public sealed record HaccpEntryResponse(Guid Id, Guid? DeviceId, string? DeviceName, Guid? AlarmId, string Kind, double? Temperature, string? Note, Guid? RecordedBy, DateTimeOffset At);

public sealed record HaccpResponse(IReadOnlyList<HaccpEntryResponse> Items);

public static class AlarmsApi
{
    public const string Tag = "Alarms and HACCP";

    public static RouteGroupBuilder MapAlarms(this RouteGroupBuilder api)
    {
        api.MapGet("/alarms", ListAsync).RequireAuthorization()
            .WithName("ListAlarms").WithSummary("The restaurant's alarms, newest first; open=true for the open ones (its people)").WithTags(Tag);
        api.MapPost("/alarms/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization()
            .WithName("AcknowledgeAlarm").WithSummary("Acknowledge an alarm with the corrective action taken (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/haccp", LogAsync).RequireAuthorization()
            .WithName("GetHaccpLog").WithSummary("The HACCP temperature log between two dates of the restaurant (its people)").WithTags(Tag);
        api.MapGet("/haccp/export", ExportAsync).RequireAuthorization()
            .WithName("ExportHaccpLog").WithSummary("The HACCP temperature log as CSV (its people)").WithTags(Tag).Produces<string>(StatusCodes.Status200OK, "text/csv");
        api.MapPost("/haccp/checks", CheckAsync).RequireAuthorization()
            .WithName("RecordTemperatureCheck").WithSummary("Record a temperature check in the HACCP log (its people)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<AlarmsResponse>, ProblemHttpResult>> ListAsync(Guid restaurantId, [FromQuery] bool? open, [FromQuery] int? limit, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var rows = await s.Alarms.ListAsync(restaurantId, open ?? false, null, Paging.Limit(limit), s.Ct);
        return TypedResults.Ok(new AlarmsResponse(rows.Select(From).ToList()));
    }

    public static async Task<Results<Ok<AlarmResponse>, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(Guid restaurantId, Guid id, AcknowledgeBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var action = errors.RequiredText("correctiveAction", body.CorrectiveAction, 1000);
        var temperature = errors.Number("temperature", body.Temperature, -100, 400, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await s.Alarms.AcknowledgeAsync(restaurantId, id, s.UserIdOrEmpty(), action!, temperature, s.Clock.GetUtcNow(), s.Ct);
        return outcome switch
        {
            AckOutcome.NotFound => Problems.NotFound("alarm", "경보"),
            AckOutcome.AlreadyDone => Problems.Conflict("The alarm is already acknowledged.", "이미 확인된 경보입니다.", "already_acknowledged"),
            _ => TypedResults.Ok(From((await s.Alarms.FindAsync(restaurantId, id, s.Ct))!)),
        };
    }

    public static async Task<Results<Ok<HaccpResponse>, ValidationProblem, ProblemHttpResult>> LogAsync(Guid restaurantId, [FromQuery] string? from, [FromQuery] string? to, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        if (Range(from, to, s) is not { } range)
        {
            return Problems.Invalid(RangeErrors(from, to));
        }

        var rows = await s.Haccp.ListAsync(restaurantId, range.From, range.To, 5000, s.Ct);
        return TypedResults.Ok(new HaccpResponse(rows.Select(From).ToList()));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(Guid restaurantId, [FromQuery] string? from, [FromQuery] string? to, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        if (Range(from, to, s) is not { } range)
        {
            return Problems.Invalid(RangeErrors(from, to));
        }

        var zone = RestaurantTime.DefaultZone;
        var csv = new StringBuilder("time,device,kind,temperature_c,note,recorded_by\n");
        foreach (var e in await s.Haccp.ListAsync(restaurantId, range.From, range.To, 100_000, s.Ct))
        {
            var local = Instant.FromDateTimeOffset(e.At).InZone(zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            csv.Append(local).Append(',').Append(Cell(e.DeviceName)).Append(',').Append(e.Kind).Append(',')
                .Append(e.Temperature?.ToString("0.##", CultureInfo.InvariantCulture)).Append(',').Append(Cell(e.Note)).Append(',')
                .Append(e.RecordedBy?.ToString()).Append('\n');
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"haccp-{from}-{to}.csv");
    }

    public static async Task<Results<Created<HaccpEntryResponse>, ValidationProblem, ProblemHttpResult>> CheckAsync(Guid restaurantId, CheckBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var temperature = errors.Number("temperature", body.Temperature, -100, 400);
        var note = errors.OptionalText("note", body.Note, 1000);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (body.DeviceId is { } deviceId && await s.Devices.FindAsync(restaurantId, deviceId, s.Ct) is null)
        {
            return Problems.NotFound("device", "기기");
        }

        var row = await s.Haccp.CheckAsync(restaurantId, body.DeviceId, temperature!.Value, note, s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Ct);
        return TypedResults.Created($"/api/iot/{restaurantId}/haccp", From(row));
    }

    /// <summary>Spreadsheet-safe cell: quoted, and a leading =, +, -, @ neutralised (CSV injection).</summary>
    private static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var safe = text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>from/to are the restaurant's local dates (yyyy-MM-dd, to inclusive, at most 366 days); default the last 7 days.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? Range(string? from, string? to, IoTServices s)
    {
        if (!RangeErrors(from, to).IsEmpty)
        {
            return null;
        }

        var zone = RestaurantTime.DefaultZone;
        var today = s.Now.InZone(zone).Date;
        var last = to is null ? today : LocalDate.FromDateOnly(DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var first = from is null ? last.PlusDays(-6) : LocalDate.FromDateOnly(DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (first > last || Period.Between(first, last, PeriodUnits.Days).Days > 366)
        {
            return null;
        }

        return (first.AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime(), last.PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset().ToUniversalTime());
    }

    private static FieldErrors RangeErrors(string? from, string? to)
    {
        var errors = new FieldErrors();
        var f = errors.Date("from", from, required: false);
        var t = errors.Date("to", to, required: false);
        if (f is { } a && t is { } b && (a > b || b.DayNumber - a.DayNumber > 366))
        {
            errors.Add("to", "to must be on or after from, at most 366 days later.", "to는 from과 같거나 이후이며 366일 이내여야 합니다.");
        }

        return errors;
    }

    private static AlarmResponse From(AlarmRow a) => new(a.Id, a.DeviceId, a.DeviceName, a.Kind, a.State, a.Value, a.Threshold, a.RaisedAt, a.EscalatedAt,
        a.AcknowledgedAt, a.AcknowledgedBy, a.CorrectiveAction, a.ClearedAt);

    private static HaccpEntryResponse From(HaccpRow e) => new(e.Id, e.DeviceId, e.DeviceName, e.AlarmId, e.Kind, e.Temperature, e.Note, e.RecordedBy, e.At);
}
