using System.ComponentModel.DataAnnotations;

namespace Brigade.Payments;

/// <summary>Settings under <c>Payments</c>, checked at start-up.</summary>
public sealed class PaymentsOptions
{
    /// <summary>The platform's fee on captured payments (orders, deposits), in basis points (300 = 3 %).</summary>
    [Range(0, 10_000)]
    public int PaymentFeeBasisPoints { get; set; } = 300;

    /// <summary>The platform's fee on a worker's gross shift wage, in basis points.</summary>
    [Range(0, 10_000)]
    public int ShiftFeeBasisPoints { get; set; } = 500;

    /// <summary>What a withdrawal costs its owner, in minor units (0: free).</summary>
    [Range(0, 1_000_000)]
    public long PayoutFee { get; set; }

    /// <summary>The smallest withdrawal, in minor units.</summary>
    [Range(1, 1_000_000_000)]
    public long MinimumPayout { get; set; } = 1_000;

    /// <summary>How often the reconciler asks the provider about payments, refunds and payouts in doubt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A call to the provider unanswered this long is in doubt and the reconciler takes it over.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan InDoubtAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An authorisation the provider still does not know after this long never happened: the payment fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AbandonAuthorizationAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often settlements run; each run settles what was earned before the start of today (Asia/Seoul).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SettlementInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Run settlements on a timer (an admin can always run them with <c>POST /api/settlements/run</c>).</summary>
    public bool SettlementJobEnabled { get; set; } = true;

    [Required]
    public ProviderOptions Provider { get; set; } = new();
}

/// <summary>The payment provider (PG) the service talks to (section <c>Payments:Provider</c>).</summary>
public sealed class ProviderOptions
{
    /// <summary>Which adapter: <c>toss</c> (Toss Payments' API, or the local sandbox that answers like it).</summary>
    [Required]
    [RegularExpression("^toss$", ErrorMessage = "Payments:Provider:Name must be 'toss'.")]
    public string Name { get; set; } = "toss";

    /// <summary>The API's base URL: <c>http://payment-sandbox/</c> locally (service discovery), <c>https://api.tosspayments.com/</c> in production.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "http://payment-sandbox/";

    /// <summary>The merchant's secret key (sent as HTTP Basic user name).</summary>
    [Required]
    public string SecretKey { get; set; } = "";

    /// <summary>The key the provider signs its notifications with.</summary>
    [Required]
    public string WebhookSecret { get; set; } = "";

    /// <summary>The longest wait for one answer; after it the call is in doubt and the reconciler settles it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far a notification's transmission time may be from now (replayed notifications are refused).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
