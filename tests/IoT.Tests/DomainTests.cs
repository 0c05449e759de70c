using Brigade.IoT.Domain;
using Brigade.IoT.Mqtt;

namespace Brigade.IoT.Tests;

/// <summary>The alarm rule as a table, and the device payload parser.</summary>
public sealed class DomainTests
{
    static readonly DateTimeOffset T0 = new(2026, 7, 1, 3, 0, 0, TimeSpan.Zero);
    static readonly AlarmRule Above5For60 = new("above", 5, 60, 1, 1);
    static readonly AlarmRule Below18 = new("below", -18, 0, 2, 2);

    public static TheoryData<string, AlarmRule?, int?, int, bool, double, int, AlarmDecision, bool> Cases => new()
    {
        // name, rule, breach since (s before T0), count, alarm open, value, at (s after T0) → decision, breach run continues
        { "first bad reading starts a run", Above5For60, null, 0, false, 6, 0, AlarmDecision.None, true },
        { "held 59 s is not enough", Above5For60, 0, 1, false, 6, 59, AlarmDecision.None, true },
        { "held 60 s raises", Above5For60, 0, 1, false, 6, 60, AlarmDecision.Raise, true },
        { "still bad with an open alarm raises nothing", Above5For60, 0, 5, true, 9, 600, AlarmDecision.None, true },
        { "inside the margin keeps the alarm", Above5For60, 0, 5, true, 4.5, 600, AlarmDecision.None, true },
        { "past the margin clears", Above5For60, 0, 5, true, 4, 600, AlarmDecision.Clear, false },
        { "a good reading ends a run without an alarm", Above5For60, 0, 1, false, 3, 30, AlarmDecision.None, false },
        { "below: one reading of two", Below18, null, 0, false, -25, 0, AlarmDecision.None, true },
        { "below: the second reading raises", Below18, 0, 1, false, -25, 5, AlarmDecision.Raise, true },
        { "below: back above threshold plus margin clears", Below18, 0, 3, true, -15, 5, AlarmDecision.Clear, false },
        { "no rule clears nothing and tracks nothing", null, null, 0, false, 99, 0, AlarmDecision.None, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rule_decides(string name, AlarmRule? rule, int? since, int count, bool open, double value, int at, AlarmDecision expected, bool inRun)
    {
        var state = new BreachState(since is { } s ? T0.AddSeconds(-s) : null, count, open);
        var (next, decision) = AlarmRules.Evaluate(rule, state, value, T0.AddSeconds(at));
        decision.ShouldBe(expected, name);
        (next.Since is not null).ShouldBe(inRun, name);
    }

    [Fact]
    public void A_door_rule_is_open_for_too_long()
    {
        var door = new AlarmRule("door_open", 0.5, 120, 1, 0);
        var (state, first) = AlarmRules.Evaluate(door, new BreachState(null, 0, false), 1, T0);
        first.ShouldBe(AlarmDecision.None);
        AlarmRules.Evaluate(door, state, 1, T0.AddSeconds(120)).Decision.ShouldBe(AlarmDecision.Raise);
        AlarmRules.Evaluate(door, state with { AlarmOpen = true }, 0, T0.AddSeconds(130)).Decision.ShouldBe(AlarmDecision.Clear);
    }

    [Theory]
    [InlineData("""{"value": 3.5}""", true)]
    [InlineData("""{"value": 3.5, "at": "2026-07-01T03:00:10Z"}""", true)]
    [InlineData("""{"value": "3.5"}""", false)]
    [InlineData("""{"temp": 3.5}""", false)]
    [InlineData("""[3.5]""", false)]
    [InlineData("""{"value": 3.5, "at": "yesterday"}""", false)]
    [InlineData("""{"value": 3.5, "at": "2026-07-03T03:00:00Z"}""", false)]
    [InlineData("""{"value": 1e999}""", false)]
    [InlineData("""{"value": 3.5""", false)]
    [InlineData("", false)]
    public void Telemetry_payloads(string payload, bool valid) =>
        (Telemetry.Parse(System.Text.Encoding.UTF8.GetBytes(payload), T0, TimeSpan.FromHours(1)) is not null).ShouldBe(valid);
}
