using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Brigade.Jobs.Domain;

/// <summary>What to tell a person, in Korean and English, with the shift's time on the restaurant's clock.</summary>
public sealed record Notice(string Type, string Title, string Body, string TitleEn, string BodyEn, string Link);

/// <summary>The shift a notice is about.</summary>
public sealed record ShiftFacts(Guid JobId, Guid RestaurantId, string RestaurantName, string Title, Instant Start, string TimeZone);

public static class Notices
{
    private static readonly LocalDateTimePattern Korean = LocalDateTimePattern.Create("M'월' d'일' (ddd) HH:mm", CultureInfo.GetCultureInfo("ko-KR"));
    private static readonly LocalDateTimePattern English = LocalDateTimePattern.Create("ddd d MMM HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    public static Notice ApplicationReceived(ShiftFacts s, string workerName, bool booked) => booked
        ? new("jobs.application.booked",
            "자동 확정된 지원자", $"{workerName}님이 {s.Title} ({Ko(s)}) 근무에 자동 확정되었습니다.",
            "Worker booked automatically", $"{workerName} was booked for {s.Title} ({En(s)}).",
            $"/manage/{s.RestaurantId}/jobs/{s.JobId}")
        : new("jobs.application.received",
            "새 지원자", $"{workerName}님이 {s.Title} ({Ko(s)}) 근무에 지원했습니다.",
            "New applicant", $"{workerName} applied for {s.Title} ({En(s)}).",
            $"/manage/{s.RestaurantId}/jobs/{s.JobId}");

    public static Notice Accepted(ShiftFacts s) => new("jobs.application.accepted",
        "근무 확정", $"{s.RestaurantName} {s.Title} 근무가 확정되었습니다: {Ko(s)}.",
        "Shift booked", $"You are booked at {s.RestaurantName} for {s.Title}: {En(s)}.",
        "/jobs/shifts");

    public static Notice Declined(ShiftFacts s) => new("jobs.application.declined",
        "지원 결과", $"{s.RestaurantName} {s.Title} ({Ko(s)}) 지원이 채용되지 않았습니다.",
        "Application not accepted", $"{s.RestaurantName} did not take your application for {s.Title} ({En(s)}).",
        "/jobs/shifts");

    public static Notice Reconfirm(ShiftFacts s) => new("jobs.shift.reconfirm",
        "근무 재확인 요청", $"{Ko(s)} {s.RestaurantName} {s.Title} 근무에 출근하시나요? 앱에서 재확인해 주세요.",
        "Please reconfirm your shift", $"Are you still coming to {s.RestaurantName} for {s.Title} on {En(s)}? Reconfirm in the app.",
        "/jobs/shifts");

    public static Notice CancelledByRestaurant(ShiftFacts s, long compensation) => new("jobs.shift.cancelled",
        "근무 취소", $"{s.RestaurantName}에서 {Ko(s)} {s.Title} 근무를 취소했습니다." + (compensation > 0 ? $" 취소 보상금 {compensation:N0}원이 지급됩니다." : ""),
        "Shift cancelled", $"{s.RestaurantName} cancelled {s.Title} on {En(s)}." + (compensation > 0 ? $" You will be paid {compensation:N0} KRW in compensation." : ""),
        "/jobs/shifts");

    public static Notice CancelledByWorker(ShiftFacts s, string workerName, bool late) => new("jobs.shift.worker_cancelled",
        "근무자 취소", $"{workerName}님이 {Ko(s)} {s.Title} 근무를 취소했습니다." + (late ? " (직전 취소)" : "") + " 자리가 다시 열렸습니다.",
        "Worker cancelled", $"{workerName} cancelled {s.Title} on {En(s)}" + (late ? " (late)" : "") + ". The place is open again.",
        $"/manage/{s.RestaurantId}/jobs/{s.JobId}");

    public static Notice NoShow(ShiftFacts s, Instant suspendedUntil) => new("jobs.shift.no_show",
        "노쇼 처리", $"{Ko(s)} {s.RestaurantName} 근무에 출근하지 않아 {Korean.Format(suspendedUntil.InZone(Zone(s)).LocalDateTime)}까지 지원이 제한됩니다.",
        "Recorded as a no-show", $"You did not come to {s.RestaurantName} on {En(s)}; you cannot apply until {English.Format(suspendedUntil.InZone(Zone(s)).LocalDateTime)}.",
        "/jobs/shifts");

    public static Notice NewPostingForFavourites(ShiftFacts s) => new("jobs.job.favourites_first",
        "단골 우선 공고", $"{s.RestaurantName}에서 {Ko(s)} {s.Title} 근무를 먼저 보여드립니다.",
        "First look for favourites", $"{s.RestaurantName} shows you {s.Title} on {En(s)} before everyone else.",
        $"/jobs/{s.JobId}");

    private static DateTimeZone Zone(ShiftFacts s) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(s.TimeZone) ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    private static string Ko(ShiftFacts s) => Korean.Format(s.Start.InZone(Zone(s)).LocalDateTime);

    private static string En(ShiftFacts s) => English.Format(s.Start.InZone(Zone(s)).LocalDateTime);
}
