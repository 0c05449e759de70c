namespace Brigade.Messaging;

/// <summary>Settings of section <c>Messaging</c>; the broker itself is <c>ConnectionStrings:RabbitMq</c> (an AMQP URI).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    private static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>The topic exchange every service publishes to.</summary>
    public string Exchange { get; set; } = "brigade.events";

    /// <summary>Name of this service's queue and prefix of its retry and dead-letter queues; the service name when empty.</summary>
    public string? QueuePrefix { get; set; }

    /// <summary>
    /// Whether a handled message's id goes into <c>messaging_inbox</c> in the handler's transaction, so that a redelivered
    /// copy is acknowledged without effect. Default on. Turn it off only for a consumer whose replicas each consume every
    /// event from a queue of their own (<see cref="QueuePrefix"/> per instance) to keep state of their own, such as an
    /// in-memory list, while sharing one database: the inbox is one table per database keyed by message id, so the first
    /// replica's record would make every other replica skip the event. Its handlers must then be idempotent themselves,
    /// because a redelivery runs them again. (Scoping the inbox by queue instead would need a migration of every service's
    /// inbox whose old rows belong to no queue, and ids recorded just before it would no longer stop their redeliveries.)
    /// </summary>
    public bool UseInbox { get; set; } = true;

    /// <summary>Unacknowledged messages the broker hands this consumer at once.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>Messages handled in parallel. Above 1, handling order is not delivery order (retries reorder anyway).</summary>
    public ushort Concurrency { get; set; } = 8;

    /// <summary>Handling attempts of one message, the first included, before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Wait before attempt 2, 3, …; the last one repeats. Default 1 s, 10 s, 1 min, 5 min.
    /// (Configuration binding appends to a non-empty default list, hence the null default.)
    /// </summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>Outbox rows one relay claims and publishes per transaction.</summary>
    public int RelayBatchSize { get; set; } = 100;

    /// <summary>
    /// How long the relay waits after a wake-up before claiming, so events committed around the same time
    /// go out in one batch instead of one transaction each.
    /// </summary>
    public TimeSpan RelayCoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often the relay looks for rows when no notification woke it.</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between relay attempts while the broker or database is away (backoff doubles up to it).</summary>
    public TimeSpan RelayMaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the broker's confirms of one batch.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long sent outbox rows are kept (for inspection) before they are deleted.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long handled message ids are remembered; a duplicate older than this would be handled again.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Pause between reconnection attempts after the broker connection drops.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    internal IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays is { Length: > 0 } delays ? delays : DefaultRetryDelays;

    internal TimeSpan RetryDelayBefore(int attempt) => EffectiveRetryDelays[Math.Min(attempt - 2, EffectiveRetryDelays.Count - 1)];
}
