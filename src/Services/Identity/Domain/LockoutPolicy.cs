namespace Brigade.Identity.Domain;

/// <summary>
/// Repeated wrong passwords lock the account for a while: after <paramref name="MaxFailures"/> failures in
/// a row sign-in is refused for <paramref name="Duration"/>, whatever password is sent.
/// </summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public static bool IsLocked(bool lockedByAdmin, DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        lockedByAdmin || lockedUntil > now;

    /// <summary>The failure count and lock after one more wrong password.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= MaxFailures ? (0, now + Duration) : (failures + 1, null);
}
