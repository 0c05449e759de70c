namespace Brigade.IoT.Domain;

/// <summary>
/// A device's alarm rule: the value <see cref="Kind"/> (<c>above</c>, <c>below</c>, <c>door_open</c> = above 0.5, a door
/// reports 1 open / 0 closed) <see cref="Threshold"/>, held for <see cref="ForSeconds"/> and at least
/// <see cref="ForReadings"/> consecutive readings before it alarms; back past the threshold by <see cref="ClearMargin"/>
/// clears it.
/// </summary>
public sealed record AlarmRule(string Kind, double Threshold, int ForSeconds, int ForReadings, double ClearMargin)
{
    public static readonly IReadOnlyList<string> Kinds = ["above", "below", "door_open"];

    public bool Breached(double value) => Kind == "below" ? value < Threshold : value > Threshold;

    /// <summary>Back in range with the margin (hysteresis): a value between the threshold and the margin changes nothing.</summary>
    public bool Recovered(double value) => Kind == "below" ? value >= Threshold + ClearMargin : value <= Threshold - ClearMargin;
}

/// <summary>The run of bad readings a device is in, and whether an alarm of the rule's kind is open.</summary>
public sealed record BreachState(DateTimeOffset? Since, int Count, bool AlarmOpen);

public enum AlarmDecision { None, Raise, Clear }

public static class AlarmRules
{
    /// <summary>
    /// One reading against the rule: the new breach run and whether to raise (held long enough, none open) or clear
    /// (recovered while one is open). A reading inside the hysteresis band keeps the run as it is.
    /// </summary>
    public static (BreachState State, AlarmDecision Decision) Evaluate(AlarmRule? rule, BreachState state, double value, DateTimeOffset at)
    {
        if (rule is null)
        {
            return (state with { Since = null, Count = 0 }, state.AlarmOpen ? AlarmDecision.Clear : AlarmDecision.None);
        }

        if (rule.Breached(value))
        {
            var since = state.Since ?? at;
            var count = state.Count + 1;
            var held = at - since >= TimeSpan.FromSeconds(rule.ForSeconds) && count >= rule.ForReadings;
            return (new BreachState(since, count, state.AlarmOpen || held), held && !state.AlarmOpen ? AlarmDecision.Raise : AlarmDecision.None);
        }

        if (rule.Recovered(value))
        {
            return (new BreachState(null, 0, false), state.AlarmOpen ? AlarmDecision.Clear : AlarmDecision.None);
        }

        return (state, AlarmDecision.None);
    }

    /// <summary>Offline when nothing came for <paramref name="missed"/> reporting intervals (since creation if never seen).</summary>
    public static bool Offline(DateTimeOffset lastHeard, int intervalSeconds, int missed, DateTimeOffset now) =>
        now - lastHeard > TimeSpan.FromSeconds((double)intervalSeconds * missed);

    public static readonly IReadOnlyList<string> DeviceKinds = ["fridge", "freezer", "fryer", "dishwasher", "door", "energy_meter"];

    public static readonly IReadOnlyList<string> CommandTypes = ["set_point", "defrost", "power_off"];

    /// <summary>The unit a kind of device reports in.</summary>
    public static string UnitOf(string kind) => kind switch
    {
        "door" => "open",
        "energy_meter" => "W",
        _ => "°C",
    };
}
