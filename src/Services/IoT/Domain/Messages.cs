namespace Brigade.IoT.Domain;

/// <summary>What people are told about alarms (Korean first, English second) and where the web app shows it.</summary>
public sealed record Message(string Type, string Title, string Body, string TitleEn, string BodyEn, string Link);

public static class Messages
{
    static string Value(double? value, string unit) => value is { } v ? $"{v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}{unit}" : "";

    static (string Ko, string En) What(string kind, double? threshold, string unit) => kind switch
    {
        "above" => ($"기준 {Value(threshold, unit)} 초과", $"above {Value(threshold, unit)}"),
        "below" => ($"기준 {Value(threshold, unit)} 미만", $"below {Value(threshold, unit)}"),
        "door_open" => ("문이 너무 오래 열려 있음", "door open too long"),
        _ => ("응답 없음(센서 오프라인)", "silent (sensor offline)"),
    };

    public static Message Raised(Guid restaurantId, string device, string kind, double? value, double? threshold, string unit)
    {
        var (ko, en) = What(kind, threshold, unit);
        var now = value is null ? "" : $" ({Value(value, unit)})";
        return new Message("iot.alarm.raised", $"{device} 경보: {ko}", $"{device}{now}: {ko}. 확인하고 조치를 기록하세요.",
            $"{device} alarm: {en}", $"{device}{now}: {en}. Check it and record the corrective action.", $"/manage/{restaurantId}/devices");
    }

    public static Message Escalated(Guid restaurantId, string device, string kind, double? threshold, string unit)
    {
        var (ko, en) = What(kind, threshold, unit);
        return new Message("iot.alarm.escalated", $"{device} 경보 미확인", $"{device}: {ko} 경보가 아직 확인되지 않았습니다.",
            $"{device} alarm unacknowledged", $"{device}: the {en} alarm is still unacknowledged.", $"/manage/{restaurantId}/devices");
    }
}
