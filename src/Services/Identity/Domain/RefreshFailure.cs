namespace Brigade.Identity.Domain;

/// <summary>Why a refresh token was not exchanged for a new pair (<see cref="None"/>: it was).</summary>
public enum RefreshFailure { None, Unknown, Expired, Ended, Reused }
