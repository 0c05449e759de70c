using System.Globalization;
using Brigade.Api;
using NodaTime;
using NodaTime.Text;

namespace Brigade.Reservations.Domain;

/// <summary>An amount in minor units of an ISO 4217 currency; never floating point.</summary>
public sealed record Money(long Amount, string Currency);

/// <summary>Parties of up to <see cref="MaxPartySize"/> guests keep their table for <see cref="Minutes"/>.</summary>
public sealed record TurnTime(int MaxPartySize, int Minutes);

/// <summary>
/// A deposit is asked when the party has at least <see cref="MinPartySize"/> guests or the local date is one of
/// <see cref="Dates"/>: <see cref="Amount"/> per cover or once. Unpaid, the booking's hold expires after <see cref="HoldMinutes"/>.
/// </summary>
public sealed record DepositPolicy(int? MinPartySize, IReadOnlyList<LocalDate> Dates, Money Amount, bool PerCover, int HoldMinutes);

/// <summary>Cancelling at least <see cref="MinutesBefore"/> minutes before the start refunds <see cref="RefundPercent"/> of the deposit.</summary>
public sealed record RefundWindow(int MinutesBefore, int RefundPercent);

/// <summary>
/// The no-show fee the restaurant asks: <see cref="FeePercent"/> of the expected bill (<see cref="ExpectedSpendPerCover"/> × party).
/// <see cref="ReservationOnly"/> venues may charge more under the fair-trade cap (see <see cref="Policy"/>).
/// </summary>
public sealed record NoShowPolicy(int FeePercent, Money ExpectedSpendPerCover, bool ReservationOnly);

/// <summary>How a restaurant takes bookings.</summary>
public sealed record BookingSettings(
    int SlotMinutes,
    IReadOnlyList<TurnTime> TurnTimes,
    int CoversPerSlot,
    int MinAdvanceMinutes,
    int MaxAdvanceDays,
    int BufferMinutes,
    int MaxPartySize,
    int DinerChangeCutoffMinutes,
    IReadOnlyList<LocalDate> BlockedDates,
    DepositPolicy? Deposit,
    IReadOnlyList<RefundWindow> Cancellation,
    NoShowPolicy? NoShow)
{
    public static BookingSettings Default { get; } = new(
        15, [new TurnTime(2, 90), new TurnTime(6, 120)], 40, 60, 60, 0, 12, 120, [], null, [], null);

    /// <summary>How long a party of <paramref name="partySize"/> keeps its table: the first turn time that fits, else the longest.</summary>
    public Duration TurnFor(int partySize)
    {
        var turn = TurnTimes.FirstOrDefault(t => partySize <= t.MaxPartySize) ?? TurnTimes[^1];
        return Duration.FromMinutes(turn.Minutes);
    }
}

public sealed record MoneyBody(long? Amount, string? Currency);

public sealed record TurnTimeBody(int? MaxPartySize, int? Minutes);

public sealed record DepositBody(int? MinPartySize, IReadOnlyList<string>? Dates, MoneyBody? Amount, bool? PerCover, int? HoldMinutes);

public sealed record RefundWindowBody(int? MinutesBefore, int? RefundPercent);

public sealed record CancellationBody(IReadOnlyList<RefundWindowBody>? Windows);

public sealed record NoShowBody(int? FeePercent, MoneyBody? ExpectedSpendPerCover, bool? ReservationOnly);

/// <summary>The settings document as clients send and read it (also how it is stored). Absent values take the defaults.</summary>
public sealed record SettingsBody(
    int? SlotMinutes,
    IReadOnlyList<TurnTimeBody>? TurnTimes,
    int? CoversPerSlot,
    int? MinAdvanceMinutes,
    int? MaxAdvanceDays,
    int? BufferMinutes,
    int? MaxPartySize,
    int? DinerChangeCutoffMinutes,
    IReadOnlyList<string>? BlockedDates,
    DepositBody? Deposit,
    CancellationBody? Cancellation,
    NoShowBody? NoShow);

public static class BookingSettingsRules
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public static string FormatDate(LocalDate date) => Date.Format(date);

    public static LocalDate? ParseDate(string? text) =>
        text is not null && Date.Parse(text) is { Success: true } r ? r.Value : null;

    /// <summary>Checks a settings document; null with <paramref name="errors"/> filled when it is not valid.</summary>
    public static BookingSettings? Parse(SettingsBody body, string currency, FieldErrors errors)
    {
        var d = BookingSettings.Default;
        var slot = errors.Range("slotMinutes", body.SlotMinutes, 5, 120, d.SlotMinutes);
        if (body.SlotMinutes is { } s && 60 % s != 0 && s % 60 != 0)
        {
            errors.Add("slotMinutes", "slotMinutes must divide an hour (5, 10, 15, 20, 30, 60) or be whole hours.",
                "slotMinutes는 한 시간을 나누는 값(5, 10, 15, 20, 30, 60)이거나 정시 단위여야 합니다.");
        }

        var turns = new List<TurnTime>();
        if (body.TurnTimes is { } turnBodies)
        {
            if (turnBodies.Count is 0 or > 20)
            {
                errors.Add("turnTimes", "turnTimes must hold 1 to 20 entries.", "turnTimes에는 1~20개 항목이 있어야 합니다.");
            }

            for (var i = 0; i < turnBodies.Count && i < 20; i++)
            {
                var t = turnBodies[i];
                if (t is null || t.MaxPartySize is null || t.Minutes is null)
                {
                    errors.Add($"turnTimes[{i}]", "Each turn time needs maxPartySize and minutes.", "각 이용 시간에는 maxPartySize와 minutes가 필요합니다.");
                    continue;
                }

                turns.Add(new TurnTime(errors.Range($"turnTimes[{i}].maxPartySize", t.MaxPartySize, 1, 100, 1), errors.Range($"turnTimes[{i}].minutes", t.Minutes, 15, 600, 90)));
            }

            if (turns.Select(t => t.MaxPartySize).Distinct().Count() != turns.Count)
            {
                errors.Add("turnTimes", "Each maxPartySize may appear once.", "maxPartySize는 한 번씩만 쓸 수 있습니다.");
            }

            turns.Sort((a, b) => a.MaxPartySize.CompareTo(b.MaxPartySize));
        }
        else
        {
            turns.AddRange(d.TurnTimes);
        }

        var covers = errors.Range("coversPerSlot", body.CoversPerSlot, 1, 10_000, d.CoversPerSlot);
        var minAdvance = errors.Range("minAdvanceMinutes", body.MinAdvanceMinutes, 0, 10_080, d.MinAdvanceMinutes);
        var maxAdvance = errors.Range("maxAdvanceDays", body.MaxAdvanceDays, 0, 365, d.MaxAdvanceDays);
        var buffer = errors.Range("bufferMinutes", body.BufferMinutes, 0, 120, d.BufferMinutes);
        var maxParty = errors.Range("maxPartySize", body.MaxPartySize, 1, 100, d.MaxPartySize);
        var cutoff = errors.Range("dinerChangeCutoffMinutes", body.DinerChangeCutoffMinutes, 0, 10_080, d.DinerChangeCutoffMinutes);
        var blocked = Dates("blockedDates", body.BlockedDates, errors);

        DepositPolicy? deposit = null;
        if (body.Deposit is { } db)
        {
            var amount = ParseMoney("deposit.amount", db.Amount, currency, errors);
            var dates = Dates("deposit.dates", db.Dates, errors);
            int? minParty = db.MinPartySize is null ? null : errors.Range("deposit.minPartySize", db.MinPartySize, 1, 100, 1);
            if (minParty is null && dates.Count == 0)
            {
                errors.Add("deposit", "A deposit needs minPartySize or dates saying when it applies.", "예약금에는 적용 조건(minPartySize 또는 dates)이 필요합니다.");
            }

            deposit = new DepositPolicy(minParty, dates, amount ?? new Money(0, currency), db.PerCover ?? true, errors.Range("deposit.holdMinutes", db.HoldMinutes, 1, 120, 10));
        }

        var windows = new List<RefundWindow>();
        if (body.Cancellation?.Windows is { } windowBodies)
        {
            if (windowBodies.Count > 10)
            {
                errors.Add("cancellation.windows", "cancellation.windows may hold at most 10 entries.", "cancellation.windows에는 최대 10개까지 넣을 수 있습니다.");
            }

            for (var i = 0; i < windowBodies.Count && i < 10; i++)
            {
                var w = windowBodies[i];
                if (w?.MinutesBefore is null || w.RefundPercent is null)
                {
                    errors.Add($"cancellation.windows[{i}]", "Each window needs minutesBefore and refundPercent.", "각 환불 구간에는 minutesBefore와 refundPercent가 필요합니다.");
                    continue;
                }

                windows.Add(new RefundWindow(
                    errors.Range($"cancellation.windows[{i}].minutesBefore", w.MinutesBefore, 0, 525_600, 0),
                    errors.Range($"cancellation.windows[{i}].refundPercent", w.RefundPercent, 0, 100, 0)));
            }

            windows.Sort((a, b) => b.MinutesBefore.CompareTo(a.MinutesBefore));
        }

        NoShowPolicy? noShow = null;
        if (body.NoShow is { } nb)
        {
            var spend = ParseMoney("noShow.expectedSpendPerCover", nb.ExpectedSpendPerCover, currency, errors);
            noShow = new NoShowPolicy(errors.Range("noShow.feePercent", nb.FeePercent ?? 0, 0, 100, 0), spend ?? new Money(0, currency), nb.ReservationOnly ?? false);
        }

        return errors.IsEmpty
            ? new BookingSettings(slot, turns, covers, minAdvance, maxAdvance, buffer, maxParty, cutoff, blocked, deposit, windows, noShow)
            : null;
    }

    public static SettingsBody ToBody(BookingSettings s) => new(
        s.SlotMinutes,
        s.TurnTimes.Select(t => new TurnTimeBody(t.MaxPartySize, t.Minutes)).ToList(),
        s.CoversPerSlot,
        s.MinAdvanceMinutes,
        s.MaxAdvanceDays,
        s.BufferMinutes,
        s.MaxPartySize,
        s.DinerChangeCutoffMinutes,
        s.BlockedDates.Select(FormatDate).ToList(),
        s.Deposit is { } dp
            ? new DepositBody(dp.MinPartySize, dp.Dates.Select(FormatDate).ToList(), new MoneyBody(dp.Amount.Amount, dp.Amount.Currency), dp.PerCover, dp.HoldMinutes)
            : null,
        new CancellationBody(s.Cancellation.Select(w => new RefundWindowBody(w.MinutesBefore, w.RefundPercent)).ToList()),
        s.NoShow is { } ns ? new NoShowBody(ns.FeePercent, new MoneyBody(ns.ExpectedSpendPerCover.Amount, ns.ExpectedSpendPerCover.Currency), ns.ReservationOnly) : null);

    private static Money? ParseMoney(string field, MoneyBody? body, string currency, FieldErrors errors)
    {
        if (body?.Amount is not { } amount || amount < 0 || amount > 100_000_000_000)
        {
            errors.Add(field, $"{field} needs an amount in minor units between 0 and 100000000000.", $"{field}에는 0에서 100000000000 사이의 금액(최소 화폐 단위)이 필요합니다.");
            return null;
        }

        var code = (body.Currency ?? currency).Trim().ToUpperInvariant();
        if (!string.Equals(code, currency, StringComparison.Ordinal))
        {
            errors.Add(field, $"{field} must be in the restaurant's currency ({currency}).", $"{field}은(는) 식당의 통화({currency})여야 합니다.");
            return null;
        }

        return new Money(amount, code);
    }

    private static List<LocalDate> Dates(string field, IReadOnlyList<string>? texts, FieldErrors errors)
    {
        var dates = new List<LocalDate>();
        if (texts is null)
        {
            return dates;
        }

        if (texts.Count > 366)
        {
            errors.Add(field, $"{field} may hold at most 366 dates.", $"{field}에는 최대 366개의 날짜를 넣을 수 있습니다.");
            return dates;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (ParseDate(texts[i]) is { } date)
            {
                dates.Add(date);
            }
            else
            {
                errors.Add($"{field}[{i}]", string.Create(CultureInfo.InvariantCulture, $"{field}[{i}] must be a date as YYYY-MM-DD."),
                    string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]은(는) YYYY-MM-DD 형식의 날짜여야 합니다."));
            }
        }

        return dates.Distinct().Order().ToList();
    }
}
