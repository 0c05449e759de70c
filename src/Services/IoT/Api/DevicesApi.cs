using Brigade.Api;
using Brigade.IoT.Data;
using Brigade.IoT.Domain;
using Brigade.IoT.Mqtt;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Brigade.IoT.Api;

/// <summary>
/// The alarm rule: <c>kind</c> above/below/door_open, <c>threshold</c>, held <c>forSeconds</c> (0–86400) and at least
/// <c>forReadings</c> consecutive readings (1–1000); it clears once back past the threshold by <c>clearMargin</c> (≥ 0).
/// </summary>
public sealed record RuleBody(string? Kind, double? Threshold, int? ForSeconds, int? ForReadings, double? ClearMargin);

/// <summary>
/// A device: <c>kind</c> fridge, freezer, fryer, dishwasher, door, energy_meter; it reports every
/// <c>reportingIntervalSeconds</c> (1–3600) and is offline after <c>offlineAfterMissed</c> (1–100) silent intervals; an
/// unacknowledged alarm escalates after <c>escalateAfterSeconds</c> (10–86400). The kind cannot change.
/// </summary>
public sealed record DeviceBody(string? Name, string? Kind, int? ReportingIntervalSeconds, RuleBody? Rule, int? EscalateAfterSeconds, int? OfflineAfterMissed, int? Version);

public sealed record RuleResponse(string Kind, double Threshold, int ForSeconds, int ForReadings, double ClearMargin);

/// <summary><c>alarmState</c>: ok, raised, escalated or acknowledged (the worst open alarm); <c>alarmKind</c> its kind.</summary>
public sealed record DeviceStatus(bool Online, DateTimeOffset? LastSeenAt, double? LastValue, string AlarmState, string? AlarmKind);

public sealed record DeviceResponse(Guid Id, Guid RestaurantId, string Name, string Kind, string Unit, int ReportingIntervalSeconds, RuleResponse? Rule,
    int EscalateAfterSeconds, int OfflineAfterMissed, DeviceStatus Status, long DroppedMessages, string MqttUsername, string TelemetryTopic, int Version);

/// <summary>How the device connects: its own user (the password is shown once), the broker's MQTT address, its topics.</summary>
public sealed record MqttCredentials(string Username, string Password, string ClientId, string Host, int Port, string TelemetryTopic, string AckTopic, string CommandsTopic);

public sealed record DeviceCreatedResponse(DeviceResponse Device, MqttCredentials Mqtt);

public sealed record DevicesResponse(IReadOnlyList<DeviceResponse> Items);

public sealed record ReadingResponse(DateTimeOffset At, double Value);

public sealed record HourlyResponse(DateTimeOffset Hour, int Count, double Average, double Min, double Max);

/// <summary><c>resolution</c> raw (readings) or hour (hourly aggregates).</summary>
public sealed record ReadingsResponse(string Resolution, IReadOnlyList<ReadingResponse> Readings, IReadOnlyList<HourlyResponse> Hourly);

/// <summary>A reading sent over HTTP (the fallback when a device or gateway cannot speak MQTT): <c>at</c> defaults to now.</summary>
public sealed record TelemetryBody(double? Value, DateTimeOffset? At);

/// <summary><c>result</c>: stored, duplicate (the same device and instant again).</summary>
public sealed record TelemetryResponse(string Result);

/// <summary>A command: <c>type</c> set_point (with <c>value</c>, °C −40–300), defrost, power_off.</summary>
public sealed record CommandBody(string? Type, double? Value);

/// <summary><c>state</c>: sent, acknowledged, rejected, timed_out.</summary>
public sealed record CommandResponse(Guid Id, Guid DeviceId, string Type, double? Value, string State, DateTimeOffset CreatedAt, DateTimeOffset Deadline, DateTimeOffset? AnsweredAt, string? Message);

public static class DevicesApi
{
    public const string Tag = "Devices";

    public static IEndpointRouteBuilder MapDeviceList(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/iot/devices", ListMineAsync).RequireAuthorization()
            .WithName("ListMyDevices").WithSummary("Devices of every restaurant the caller belongs to (or of restaurantId), with their status").WithTags(Tag);
        return app;
    }

    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder api)
    {
        api.MapGet("/devices", ListAsync).RequireAuthorization()
            .WithName("ListDevices").WithSummary("The restaurant's devices with status (its people)").WithTags(Tag);
        api.MapPost("/devices", CreateAsync).RequireAuthorization()
            .WithName("CreateDevice").WithSummary("Register a device and get its MQTT credentials (owner, manager)").WithTags(Tag);
        api.MapGet("/devices/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetDevice").WithSummary("A device with its status (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/devices/{id:guid}", UpdateAsync).RequireAuthorization().WithIfMatch()
            .WithName("UpdateDevice").WithSummary("Replace a device's name, interval and alarm rule (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/devices/{id:guid}", DeleteAsync).RequireAuthorization()
            .WithName("DeleteDevice").WithSummary("Remove a device and its broker user (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/devices/{id:guid}/credentials", RotateAsync).RequireAuthorization()
            .WithName("RotateDeviceCredentials").WithSummary("A new MQTT password for the device (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/devices/{id:guid}/readings", ReadingsAsync).RequireAuthorization()
            .WithName("GetDeviceReadings").WithSummary("Raw readings or hourly aggregates between two instants (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/devices/{id:guid}/telemetry", IngestAsync).RequireAuthorization()
            .WithName("PostTelemetry").WithSummary("Send a reading over HTTP, the fallback to MQTT (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/devices/{id:guid}/commands", CommandAsync).RequireAuthorization()
            .WithName("SendDeviceCommand").WithSummary("Send set_point, defrost or power_off over MQTT; the device acknowledges (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/devices/{id:guid}/commands/{commandId:guid}", GetCommandAsync).RequireAuthorization()
            .WithName("GetDeviceCommand").WithSummary("A command and whether the device acknowledged it (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<DevicesResponse>, ProblemHttpResult>> ListMineAsync([FromQuery] Guid? restaurantId, [AsParameters] IoTServices s)
    {
        if (restaurantId is { } one)
        {
            return await ListAsync(one, s);
        }

        var mine = Brigade.Security.ClaimsPrincipalExtensions.Memberships(s.User).Select(m => m.RestaurantId).Distinct().ToList();
        var rows = mine.Count == 0 ? [] : await s.Devices.ListAsync(mine, s.Ct);
        return TypedResults.Ok(new DevicesResponse(rows.Select(d => From(d, s)).ToList()));
    }

    public static async Task<Results<Ok<DevicesResponse>, ProblemHttpResult>> ListAsync(Guid restaurantId, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var rows = await s.Devices.ListAsync([restaurantId], s.Ct);
        return TypedResults.Ok(new DevicesResponse(rows.Select(d => From(d, s)).ToList()));
    }

    public static async Task<Results<Created<DeviceCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(Guid restaurantId, DeviceBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var fields = Check(body, errors, null);
        if (fields is null)
        {
            return Problems.Invalid(errors);
        }

        var id = Guid.CreateVersion7();
        var row = await s.Devices.CreateAsync(restaurantId, id, fields, s.Options.Value.MaxDevicesPerRestaurant, s.Clock.GetUtcNow(), s.Ct);
        if (row is null)
        {
            return Problems.Conflict($"A restaurant can have at most {s.Options.Value.MaxDevicesPerRestaurant} devices.",
                $"식당 하나에 기기는 최대 {s.Options.Value.MaxDevicesPerRestaurant}대까지 등록할 수 있습니다.", "too_many_devices");
        }

        var password = BrokerAccounts.NewPassword();
        try
        {
            await s.Broker.CreateAsync(restaurantId, id, password, s.Ct);
        }
        catch (HttpRequestException)
        {
            // A device nobody can connect as is useless: take it back.
            await s.Devices.DeleteAsync(restaurantId, id, CancellationToken.None);
            return Problems.Unavailable("The device broker is not reachable; try again.", "기기 브로커에 연결할 수 없습니다. 다시 시도하세요.");
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Created($"/api/iot/{restaurantId}/devices/{id}", new DeviceCreatedResponse(From(row, s), Credentials(row, password, s)));
    }

    public static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, Guid id, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var row = await s.Devices.FindAsync(restaurantId, id, s.Ct);
        if (row is null)
        {
            return NoDevice();
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(From(row, s));
    }

    public static async Task<Results<Ok<DeviceResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid restaurantId, Guid id, DeviceBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var existing = await s.Devices.FindAsync(restaurantId, id, s.Ct);
        if (existing is null)
        {
            return NoDevice();
        }

        var errors = new FieldErrors();
        var fields = Check(body, errors, existing.Kind);
        if (fields is null)
        {
            return Problems.Invalid(errors);
        }

        var now = s.Clock.GetUtcNow();
        var alarms = s.Http.RequestServices.GetRequiredService<Alarms>();
        var (found, stale) = await s.Devices.UpdateAsync(restaurantId, id, fields, Versions.Expected(s.Http.Request, body.Version),
            (c, tx) => alarms.ClearAsync(c, tx, existing, null, existing.LastValue, now, s.Ct), s.Ct);
        if (!found)
        {
            return NoDevice();
        }

        if (stale)
        {
            return Problems.Stale("device", "기기");
        }

        var row = (await s.Devices.FindAsync(restaurantId, id, s.Ct))!;
        s.Http.SetETag(row.Version);
        return TypedResults.Ok(From(row, s));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid restaurantId, Guid id, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        if (!await s.Devices.DeleteAsync(restaurantId, id, s.Ct))
        {
            return NoDevice();
        }

        try
        {
            await s.Broker.DeleteAsync(id, s.Ct);
        }
        catch (HttpRequestException e)
        {
            // The device is gone from Brigade; its broker user can publish nothing we store (unknown device) until removed by hand.
            s.Http.RequestServices.GetRequiredService<ILogger<DeviceRow>>().LogWarning(e, "Could not remove the broker user of device {DeviceId}", id);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MqttCredentials>, ProblemHttpResult>> RotateAsync(Guid restaurantId, Guid id, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var row = await s.Devices.FindAsync(restaurantId, id, s.Ct);
        if (row is null)
        {
            return NoDevice();
        }

        var password = BrokerAccounts.NewPassword();
        try
        {
            await s.Broker.CreateAsync(restaurantId, id, password, s.Ct);
        }
        catch (HttpRequestException)
        {
            return Problems.Unavailable("The device broker is not reachable; try again.", "기기 브로커에 연결할 수 없습니다. 다시 시도하세요.");
        }

        return TypedResults.Ok(Credentials(row, password, s));
    }

    public static async Task<Results<Ok<ReadingsResponse>, ValidationProblem, ProblemHttpResult>> ReadingsAsync(Guid restaurantId, Guid id,
        [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? resolution, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var kind = errors.OneOf("resolution", resolution ?? "raw", ["raw", "hour"]);
        var end = to ?? s.Clock.GetUtcNow();
        var start = from ?? end.AddHours(kind == "hour" ? -24 * 7 : -24);
        if (start >= end)
        {
            errors.Add("from", "from must be before to.", "from은 to보다 앞서야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await s.Devices.FindAsync(restaurantId, id, s.Ct) is null)
        {
            return NoDevice();
        }

        if (kind == "hour")
        {
            var hours = await s.Devices.HourlyAsync(id, start, end, s.Ct);
            return TypedResults.Ok(new ReadingsResponse("hour", [], hours.Select(h => new HourlyResponse(h.Hour, h.N, h.Avg, h.Min, h.Max)).ToList()));
        }

        var raw = await s.Devices.ReadingsAsync(id, start, end, 10_000, s.Ct);
        return TypedResults.Ok(new ReadingsResponse("raw", raw.Select(r => new ReadingResponse(r.At, r.Value)).ToList(), []));
    }

    public static async Task<Results<Accepted<TelemetryResponse>, ValidationProblem, ProblemHttpResult>> IngestAsync(Guid restaurantId, Guid id, TelemetryBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var row = await s.Devices.FindAsync(restaurantId, id, s.Ct);
        if (row is null)
        {
            return NoDevice();
        }

        var errors = new FieldErrors();
        var value = errors.Number("value", body.Value, -1_000_000, 1_000_000);
        if (value is { } v && !TelemetryStore.Plausible(row.Kind, v))
        {
            errors.Add("value", $"{v} is not a value a {row.Kind} reports.", $"{v}은(는) 이 기기가 보낼 수 있는 값이 아닙니다.");
        }

        var now = s.Clock.GetUtcNow();
        if (body.At is { } at && (at - now).Duration() > s.Options.Value.MaxClockSkew)
        {
            errors.Add("at", "at is too far from the current time.", "at이 현재 시각과 너무 멀리 떨어져 있습니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var result = await s.Telemetry.IngestAsync(restaurantId, id, value!.Value, (body.At ?? now).ToUniversalTime(), now, s.Ct);
        return TypedResults.Accepted((string?)null, new TelemetryResponse(result == IngestResult.Duplicate ? "duplicate" : "stored"));
    }

    public static async Task<Results<Accepted<CommandResponse>, ValidationProblem, ProblemHttpResult>> CommandAsync(Guid restaurantId, Guid id, CommandBody body, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var row = await s.Devices.FindAsync(restaurantId, id, s.Ct);
        if (row is null)
        {
            return NoDevice();
        }

        var errors = new FieldErrors();
        var type = errors.OneOf("type", body.Type, AlarmRules.CommandTypes);
        var value = errors.Number("value", body.Value, -40, 300, required: type == "set_point");
        if (type is not null && type != "set_point" && body.Value is not null)
        {
            errors.Add("value", "Only set_point takes a value.", "value는 set_point에만 쓸 수 있습니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var command = await s.Commands.CreateAsync(restaurantId, id, type!, value, s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Options.Value.CommandTimeout, s.Ct);
        // Not sent now (broker down) = no acknowledgement: the watchdog times it out like any unanswered command.
        await s.Mqtt.SendCommandAsync(restaurantId, id, new { commandId = command.Id, type, value }, s.Ct);
        return TypedResults.Accepted($"/api/iot/{restaurantId}/devices/{id}/commands/{command.Id}", From(command));
    }

    public static async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> GetCommandAsync(Guid restaurantId, Guid id, Guid commandId, [AsParameters] IoTServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var command = await s.Commands.FindAsync(restaurantId, id, commandId, s.Ct);
        return command is null ? Problems.NotFound("command", "명령") : TypedResults.Ok(From(command));
    }

    private static DeviceFields? Check(DeviceBody body, FieldErrors errors, string? existingKind)
    {
        var name = errors.RequiredText("name", body.Name, 80);
        var kind = existingKind ?? errors.OneOf("kind", body.Kind, AlarmRules.DeviceKinds);
        if (existingKind is not null && body.Kind is not null && !string.Equals(body.Kind.Trim(), existingKind, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("kind", "A device's kind cannot change; register a new device.", "기기 종류는 바꿀 수 없습니다. 새 기기로 등록하세요.");
        }

        var interval = errors.Range("reportingIntervalSeconds", body.ReportingIntervalSeconds, 1, 3600, 60);
        var escalate = errors.Range("escalateAfterSeconds", body.EscalateAfterSeconds, 10, 86_400, 900);
        var missed = errors.Range("offlineAfterMissed", body.OfflineAfterMissed, 1, 100, 3);
        RuleFields? rule = null;
        if (body.Rule is { } r)
        {
            var ruleKind = errors.OneOf("rule.kind", r.Kind, AlarmRule.Kinds);
            var threshold = ruleKind == "door_open" ? 0.5 : errors.Number("rule.threshold", r.Threshold, -100, 1_000_000);
            var forSeconds = errors.Range("rule.forSeconds", r.ForSeconds, 0, 86_400, 0);
            var forReadings = errors.Range("rule.forReadings", r.ForReadings, 1, 1000, 1);
            var margin = errors.Number("rule.clearMargin", r.ClearMargin ?? 0, 0, 1000);
            if (ruleKind == "door_open" && kind is not null && kind != "door")
            {
                errors.Add("rule.kind", "door_open is a rule for doors.", "door_open은 문 센서의 규칙입니다.");
            }

            if (ruleKind is not null && threshold is not null && margin is not null)
            {
                rule = new RuleFields(ruleKind, threshold.Value, forSeconds, forReadings, ruleKind == "door_open" ? 0 : margin.Value);
            }
        }

        return errors.IsEmpty ? new DeviceFields(name!, kind!, interval, rule, escalate, missed) : null;
    }

    internal static DeviceResponse From(DeviceRow d, IoTServices s)
    {
        var now = s.Clock.GetUtcNow();
        var online = d.LastSeenAt is { } seen && !AlarmRules.Offline(seen, d.ReportingIntervalSeconds, d.OfflineAfterMissed, now);
        var rule = d.Rule is { } r ? new RuleResponse(r.Kind, r.Threshold, r.ForSeconds, r.ForReadings, r.ClearMargin) : null;
        return new DeviceResponse(d.Id, d.RestaurantId, d.Name, d.Kind, d.Unit, d.ReportingIntervalSeconds, rule, d.EscalateAfterSeconds, d.OfflineAfterMissed,
            new DeviceStatus(online, d.LastSeenAt, d.LastValue, d.AlarmState ?? "ok", d.AlarmKind), d.DroppedMessages, d.MqttUsername,
            Topic(d, "telemetry", s), d.Version);
    }

    private static string Topic(DeviceRow d, string leaf, IoTServices s) => $"{s.Options.Value.TopicPrefix}/{d.RestaurantId}/{d.Id}/{leaf}";

    private static MqttCredentials Credentials(DeviceRow d, string password, IoTServices s)
    {
        var (host, port) = MqttLink.Endpoint(s.Configuration);
        return new MqttCredentials(d.MqttUsername, password, d.MqttUsername, host, port, Topic(d, "telemetry", s), Topic(d, "ack", s), Topic(d, "commands", s));
    }

    private static CommandResponse From(CommandRow c) => new(c.Id, c.DeviceId, c.Type, c.Value, c.State, c.CreatedAt, c.Deadline, c.AnsweredAt, c.Message);

    private static ProblemHttpResult NoDevice() => Problems.NotFound("device", "기기");
}
