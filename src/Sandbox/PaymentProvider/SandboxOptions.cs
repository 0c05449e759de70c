namespace Brigade.Sandbox.PaymentProvider;

/// <summary>
/// Settings of the sandbox (section <c>Sandbox</c>). The keys are local test keys, like the public test keys a PG
/// documents; the payments service is given the same ones in its Local settings.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The merchant's secret key: requests carry <c>Authorization: Basic base64(secretKey + ":")</c>.</summary>
    public string SecretKey { get; set; } = "test_sk_brigade_local";

    /// <summary>Signs webhook notifications (HMAC-SHA256).</summary>
    public string WebhookSecret { get; set; } = "test_whsec_brigade_local";

    /// <summary>
    /// Where notifications go. Unset: the gateway's public route from the launcher's service list
    /// (<c>Services:gateway</c>), else the payments service itself (<c>Services:payments</c>).
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>How long a "slow" test card or bank account keeps the caller waiting before it succeeds anyway.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Pause between attempts to deliver a notification the receiver did not accept.</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Send notifications at all (a test turns them off to see a lost answer found by asking instead).</summary>
    public bool SendNotifications { get; set; } = true;

    /// <summary>Attempts per notification before it is dropped.</summary>
    public int WebhookAttempts { get; set; } = 5;
}
