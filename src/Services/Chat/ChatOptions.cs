using System.ComponentModel.DataAnnotations;

namespace Brigade.Chat;

/// <summary>Settings under <c>Chat</c>, checked at start-up.</summary>
public sealed class ChatOptions
{
    /// <summary>A sender may edit or delete a message for this long after sending it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Messages one person may send per minute (per replica), with a burst of the same size.</summary>
    [Range(1, 10_000)]
    public int SendsPerMinute { get; set; } = 60;

    /// <summary>A connection counts as present this long after its replica last said so (a crashed replica's connections lapse).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan PresenceLifetime { get; set; } = TimeSpan.FromMinutes(2);
}
