using Brigade.Api;
using Brigade.Jobs.Domain;
using NodaTime;

namespace Brigade.Jobs.Tests.Domain;

public sealed class RulesTests
{
    private static readonly Venue Venue = new(Guid.NewGuid(), "식당", "서울", 37.5665, 126.978, "Asia/Seoul", "KRW", "published");

    [Theory]
    [InlineData(2024, 9_860)]
    [InlineData(2025, 10_030)]
    [InlineData(2026, 10_320)]
    [InlineData(2027, 10_320)] // not published in the table yet: the latest published rate stands
    public void Minimum_wage_by_the_shifts_year(int year, long hourly) => MinimumWage.HourlyFor(year).ShouldBe(hourly);

    [Theory]
    [InlineData(2025, 10_029, false)]
    [InlineData(2025, 10_030, true)]
    [InlineData(2026, 10_319, false)]
    [InlineData(2026, 10_320, true)]
    public void A_posting_below_the_minimum_wage_of_its_year_is_refused(int year, long wage, bool accepted)
    {
        var now = Instant.FromUtc(year, 1, 1, 0, 0);
        var errors = new FieldErrors();
        var specs = PostingRules.Check(Draft($"{year}-03-02", wage), Venue, now, 0, series: false, errors);

        (specs is not null).ShouldBe(accepted);
        errors.Has("hourlyWage.amount").ShouldBe(!accepted);
    }

    [Theory]
    [InlineData(239, 0, null)] // under four hours of work: no break needed
    [InlineData(240, 0, 30)]   // four hours of work: 30 minutes (근로기준법 제54조)
    [InlineData(270, 30, null)]
    [InlineData(540, 30, 60)]  // eight and a half hours of work: one hour
    [InlineData(540, 60, null)]
    public void Statutory_breaks(int length, int breakMinutes, int? needed) => PostingRules.BreakShortfall(length, breakMinutes).ShouldBe(needed);

    [Fact]
    public void An_end_at_or_before_the_start_ends_the_next_day()
    {
        var errors = new FieldErrors();
        var spec = PostingRules.Check(Draft("2026-12-24", 12_000, "20:00", "02:00"), Venue, Instant.FromUtc(2026, 12, 1, 0, 0), 0, false, errors)!.Single();

        spec.LengthMinutes.ShouldBe(360);
        spec.EndsAt.ShouldBe(Instant.FromUtc(2026, 12, 24, 17, 0)); // 02:00 on the 25th in Seoul
    }

    [Fact]
    public void Cancellation_terms_for_each_side()
    {
        var start = Instant.FromUtc(2026, 12, 24, 9, 0);
        var early = start - Duration.FromHours(25);
        var late = start - Duration.FromHours(5);
        const long pay = 48_000; // 4 hours at 12,000
        CancellationPolicy.Terms(Party.Worker, early, start, pay, 12_000, 24, 50, 120, Duration.FromDays(3)).ShouldBe(new CancellationTerms(false, 0, null));
        CancellationPolicy.Terms(Party.Worker, late, start, pay, 12_000, 24, 50, 120, Duration.FromDays(3)).ShouldBe(new CancellationTerms(true, 0, Duration.FromDays(3)));
        CancellationPolicy.Terms(Party.Restaurant, early, start, pay, 12_000, 24, 50, 120, Duration.FromDays(3)).ShouldBe(new CancellationTerms(false, 0, null));
        // Half the pay (24,000) beats two hours (24,000 too); a short shift pays the two-hour minimum, capped by the shift's pay.
        CancellationPolicy.Terms(Party.Restaurant, late, start, pay, 12_000, 24, 50, 120, Duration.FromDays(3)).Compensation.ShouldBe(24_000);
        CancellationPolicy.Terms(Party.Restaurant, late, start, 36_000, 12_000, 24, 50, 120, Duration.FromDays(3)).Compensation.ShouldBe(24_000);
        CancellationPolicy.Terms(Party.Restaurant, late, start, 12_000, 12_000, 24, 50, 120, Duration.FromDays(3)).Compensation.ShouldBe(12_000);
        CancellationPolicy.Terms(Party.Restaurant, late, start, 120_000, 12_000, 24, 50, 120, Duration.FromDays(3)).Compensation.ShouldBe(60_000);
    }

    [Fact]
    public void Pay_counts_the_scheduled_time_worked_less_a_due_break()
    {
        var start = Instant.FromUtc(2026, 12, 24, 9, 0);
        var end = start + Duration.FromHours(5);
        // Early arrival is not paid, leaving early is; a five-hour stint deducts the 30-minute break.
        Timesheet.PaidMinutes(start - Duration.FromMinutes(20), end, start, end, 30).ShouldBe(270);
        Timesheet.PaidMinutes(start + Duration.FromMinutes(10), start + Duration.FromHours(3), start, end, 30).ShouldBe(170);
        Timesheet.PaidMinutes(start, end + Duration.FromHours(1), start, end, 30).ShouldBe(270);
        Timesheet.Gross(270, 10_320).ShouldBe(46_440);
        Timesheet.Gross(1, 10_321).ShouldBe(173); // 172.0166… rounds up in the worker's favour
    }

    [Fact]
    public void The_attendance_code_rotates_and_recognises_an_expired_one()
    {
        var secret = AttendanceCode.NewSecret();
        var now = Instant.FromUtc(2026, 12, 24, 9, 0, 10);
        var step = AttendanceCode.StepAt(now);

        AttendanceCode.Check(secret, AttendanceCode.At(secret, step), now).ShouldBe(CodeCheck.Valid);
        AttendanceCode.Check(secret, AttendanceCode.At(secret, step - 1), now).ShouldBe(CodeCheck.Valid);
        AttendanceCode.Check(secret, AttendanceCode.At(secret, step - 2), now).ShouldBe(CodeCheck.Expired);
        AttendanceCode.Check(secret, AttendanceCode.At(secret, step - 20), now).ShouldBe(CodeCheck.Expired);
        AttendanceCode.Check(AttendanceCode.NewSecret(), AttendanceCode.At(secret, step), now).ShouldNotBe(CodeCheck.Valid);
        AttendanceCode.At(secret, step).Length.ShouldBe(6);
    }

    [Fact]
    public void Qualification_needs_each_requirement_valid_on_the_shift_date()
    {
        var date = new DateOnly(2026, 12, 24);
        Qualification.Missing([Requirements.HealthCertificate], [new Credential(Requirements.HealthCertificate, new DateOnly(2026, 12, 24))], date).ShouldBeEmpty();
        Qualification.Missing([Requirements.HealthCertificate], [new Credential(Requirements.HealthCertificate, new DateOnly(2026, 12, 23))], date)
            .ShouldBe([Requirements.HealthCertificate]);
        Qualification.Missing([Requirements.HealthCertificate], [], date).ShouldBe([Requirements.HealthCertificate]);
    }

    [Fact]
    public void Distance_is_great_circle_metres() =>
        Geo.DistanceMeters(37.5665, 126.9780, 37.5665, 126.9880).ShouldBe(881, tolerance: 2);

    private static PostingDraft Draft(string date, long wage, string start = "18:00", string end = "22:00") => new(
        Venue.Id, "서빙", "serving", null, date, null, start, end, new MoneyDraft(wage, "KRW"), 1, null, null, null, null, null, 30, null, null, null);
}
