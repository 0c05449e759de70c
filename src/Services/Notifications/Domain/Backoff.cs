namespace Brigade.Notifications.Domain;

/// <summary>When a failed delivery is tried again: doubling delays, then never (failed for good).</summary>
public static class Backoff
{
    /// <summary>The next attempt's time after <paramref name="attempts"/> attempts, or null when the message has failed for good.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, bool permanent, DateTimeOffset now, int maxAttempts, TimeSpan first, TimeSpan max)
    {
        if (permanent || attempts >= maxAttempts)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
        return now + delay;
    }
}
