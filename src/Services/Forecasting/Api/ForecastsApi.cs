using System.Globalization;
using Brigade.Api;
using Brigade.Data;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Forecasting.Api;

/// <summary>
/// A model version and how it scored in its rolling-origin backtest: <c>method</c> <c>gbt</c> (gradient-boosted trees) or
/// <c>seasonal_naive</c>; <c>reason</c> why (<c>model_beat_naive</c>, <c>naive_won_backtest</c>, <c>short_history</c>,
/// <c>no_history</c>); <c>mase</c> the model's mean absolute error over seasonal-naive's on the same days (below 1 = better);
/// <c>coverage</c> the share of backtest actuals inside the <c>intervalLevel</c> interval; <c>trigger</c> <c>nightly</c>,
/// <c>manual</c>, <c>first_read</c> or <c>demo</c>.
/// </summary>
public sealed record ModelResponse(Guid Id, string Target, int Version, string Method, string Reason, string Trigger, string Origin, double? Mase, double? Coverage,
    double IntervalLevel, int HistoryDays, int BacktestPoints, int Trees, Guid? TrainedBy, DateTimeOffset TrainedAt)
{
    public static ModelResponse From(ModelRow m) => new(m.Id, m.Target, m.Version, m.Method, m.Reason, m.Trigger, Date(HistoryStore.Local(m.Origin)),
        Round(m.Mase, 3), Round(m.Coverage, 3), m.IntervalLevel, m.HistoryDays, m.BacktestPoints, m.Trees, m.TrainedBy, m.TrainedAt);

    internal static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double? Round(double? v, int digits) => v is { } x ? Math.Round(x, digits) : null;
}

/// <summary>Covers the model expects, with its prediction interval.</summary>
public sealed record CoversEstimate(int Value, int Low, int High);

public sealed record SalesEstimate(Money Value, Money Low, Money High);

/// <summary>An owner's or manager's own figure for a day, who set it and when.</summary>
public sealed record OverrideResponse(string Date, int? Covers, Money? Sales, string? Note, Guid By, DateTimeOffset At);

/// <summary>One hour of the expected day (local hour; hours before 05:00 belong to the previous day's service).</summary>
public sealed record HourResponse(int Hour, double Covers, Money Sales);

/// <summary>
/// A service day: the model's <c>covers</c> and <c>sales</c> (null before the first model), <c>bookedCovers</c> already on the book,
/// an <c>override</c>, and the <c>expected</c> figures staffing and stock plan with (the override, else the model's but never below
/// the booked covers). <c>holiday</c>: <c>major</c> (설날/추석), <c>public</c> or null.
/// </summary>
public sealed record ForecastDayResponse(string Date, string Weekday, string? Holiday, bool Payday, CoversEstimate? Covers, SalesEstimate? Sales, int BookedCovers,
    OverrideResponse? Override, int ExpectedCovers, Money ExpectedSales, IReadOnlyList<HourResponse> Hours);

public sealed record ForecastResponse(Guid RestaurantId, string TimeZone, string Currency, string From, ModelResponse CoversModel, ModelResponse SalesModel,
    IReadOnlyList<ForecastDayResponse> Days);

/// <summary>A day's own figure: <c>covers</c> and/or <c>sales</c> (minor units of the restaurant's currency), and why (<c>note</c>).</summary>
public sealed record OverrideBody(int? Covers, long? Sales, string? Note);

public sealed record OverrideLogResponse(Guid Id, string Date, string Action, int? Covers, long? Sales, string? Note, Guid By, DateTimeOffset At);

public sealed record RetrainResponse(ModelResponse Covers, ModelResponse Sales);

public static class ForecastsApi
{
    public const string Tag = "Forecasts";

    public static RouteGroupBuilder MapForecasts(this RouteGroupBuilder api)
    {
        api.MapGet("/", GetAsync).RequireAuthorization()
            .WithName("GetForecast").WithSummary("Daily and hourly covers and sales for the next days (?days=, default the horizon) with intervals, bookings and overrides (owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/retrain", RetrainAsync).RequireAuthorization()
            .WithName("RetrainForecast").WithSummary("Train new covers and sales model versions on the history up to yesterday and score them (owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/models", ModelsAsync).RequireAuthorization()
            .WithName("ListForecastModels").WithSummary("Model versions, newest first, with their backtest MASE and interval coverage (?target=covers|sales; owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/overrides/{date}", SetOverrideAsync).RequireAuthorization()
            .WithName("SetForecastOverride").WithSummary("Set the restaurant's own covers and/or sales for a day (today or later), shown beside the model's (owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/overrides/{date}", RemoveOverrideAsync).RequireAuthorization()
            .WithName("RemoveForecastOverride").WithSummary("Remove a day's override (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/overrides/log", OverrideLogAsync).RequireAuthorization()
            .WithName("ListForecastOverrideLog").WithSummary("Who set or removed which override when, newest first (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(Guid restaurantId, int? days, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var horizon = s.Options.Value.HorizonDays;
        var errors = new FieldErrors();
        var wanted = errors.Range("days", days, 1, horizon, horizon);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var view = await ForecastView.LoadAsync(s, restaurantId, wanted);
        var money = (double v) => new Money((long)Math.Round(v), view.Currency);
        var result = view.Days.Select(d => new ForecastDayResponse(
            ModelResponse.Date(d.Date),
            d.Date.DayOfWeek.ToString().ToLowerInvariant(),
            KoreanHolidays.IsMajorHoliday(d.Date) ? "major" : KoreanHolidays.IsHoliday(d.Date) ? "public" : null,
            KoreanHolidays.IsPayday(d.Date),
            d.Covers is { } c ? new CoversEstimate((int)Math.Round(c.Value), (int)Math.Floor(c.Low), (int)Math.Ceiling(c.High)) : null,
            d.Sales is { } v ? new SalesEstimate(money(v.Value), money(v.Low), money(v.High)) : null,
            d.BookedCovers,
            d.Override is { } o ? Override(o, view.Currency) : null,
            (int)Math.Round(d.ExpectedCovers),
            money(d.ExpectedSales),
            d.Hours.Select(h => new HourResponse(h.Hour, Math.Round(h.Covers, 1), money(h.Sales))).ToList())).ToList();
        return TypedResults.Ok(new ForecastResponse(restaurantId, view.TimeZone, view.Currency, ModelResponse.Date(view.Today),
            ModelResponse.From(view.Models.First(m => m.Target == "covers")), ModelResponse.From(view.Models.First(m => m.Target == "sales")), result));
    }

    public static async Task<Results<Ok<RetrainResponse>, ProblemHttpResult>> RetrainAsync(Guid restaurantId, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var models = await s.Trainer.TrainAsync(restaurantId, "manual", s.User.FindUserId(), s.Ct);
        return TypedResults.Ok(new RetrainResponse(ModelResponse.From(models.First(m => m.Target == "covers")), ModelResponse.From(models.First(m => m.Target == "sales"))));
    }

    public static async Task<Results<Ok<Page<ModelResponse>>, ValidationProblem, ProblemHttpResult>> ModelsAsync(
        Guid restaurantId, string? target, int? limit, string? cursor, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var wanted = errors.OneOf("target", target, ["covers", "sales"], required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<VersionCursor>(cursor);
        var rows = await s.Models.ListAsync(restaurantId, wanted, after is null ? null : (after.Version, after.Target), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(ModelResponse.From).ToList(), take, m => new VersionCursor(m.Version, m.Target)));
    }

    public static async Task<Results<Ok<OverrideResponse>, ValidationProblem, ProblemHttpResult>> SetOverrideAsync(
        Guid restaurantId, string date, OverrideBody body, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var day = await DayAsync(s, restaurantId, date, errors);
        int? covers = body.Covers is null ? null : errors.RequiredRange("covers", body.Covers, 0, 100_000);
        var sales = body.Sales is null ? null : errors.Amount("sales", body.Sales);
        var note = errors.OptionalText("note", body.Note, 500);
        if (body.Covers is null && body.Sales is null)
        {
            errors.Add("covers", "Give covers, sales or both.", "예상 손님 수나 매출 중 하나 이상을 입력하세요.");
        }

        if (!errors.IsEmpty || day is null)
        {
            return Problems.Invalid(errors);
        }

        var currency = (await s.History.RestaurantAsync(restaurantId, s.Ct))?.Currency ?? "KRW";
        var row = await s.Overrides.SetAsync(restaurantId, day.Value, covers, sales, note, s.User.UserId(), s.Now.ToDateTimeOffset(), s.Ct);
        return TypedResults.Ok(Override(row, currency));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveOverrideAsync(Guid restaurantId, string date, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var day = errors.Date("date", date);
        if (day is null)
        {
            return Problems.Invalid(errors);
        }

        return await s.Overrides.RemoveAsync(restaurantId, LocalDate.FromDateOnly(day.Value), s.User.UserId(), s.Now.ToDateTimeOffset(), s.Ct)
            ? TypedResults.NoContent()
            : Problems.NotFound("override", "수정한 예측");
    }

    public static async Task<Results<Ok<Page<OverrideLogResponse>>, ProblemHttpResult>> OverrideLogAsync(
        Guid restaurantId, int? limit, string? cursor, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<LogCursor>(cursor);
        var rows = await s.Overrides.LogAsync(restaurantId, after?.At, after?.Id, take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(r => new OverrideLogResponse(r.Id, ModelResponse.Date(HistoryStore.Local(r.ServiceDate)), r.Action, r.Covers,
            r.Sales, r.Note, r.ByUser, r.At)).ToList(), take, r => new LogCursor(r.At, r.Id)));
    }

    /// <summary>A day to override: a date from today (the restaurant's service day) up to a year ahead.</summary>
    private static async Task<LocalDate?> DayAsync(ForecastingServices s, Guid restaurantId, string date, FieldErrors errors)
    {
        if (errors.Date("date", date) is not { } parsed)
        {
            return null;
        }

        var day = LocalDate.FromDateOnly(parsed);
        var today = s.Trainer.Today((await s.History.RestaurantAsync(restaurantId, s.Ct))?.TimeZone);
        if (day < today || day > today.PlusDays(366))
        {
            errors.Add("date", "The day must be from today up to a year ahead.", "오늘부터 1년 이내의 날짜여야 합니다.");
            return null;
        }

        return day;
    }

    private static OverrideResponse Override(OverrideRow o, string currency) =>
        new(ModelResponse.Date(HistoryStore.Local(o.ServiceDate)), o.Covers, o.Sales is { } v ? new Money(v, currency) : null, o.Note, o.ByUser, o.At);

    private sealed record VersionCursor(int Version, string Target);

    private sealed record LogCursor(DateTimeOffset At, Guid Id);
}
