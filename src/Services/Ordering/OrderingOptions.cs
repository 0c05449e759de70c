using System.ComponentModel.DataAnnotations;

namespace Brigade.Ordering;

/// <summary>Settings under <c>Ordering</c>, checked at start.</summary>
public sealed class OrderingOptions
{
    /// <summary>How long a cart lives in Redis after its last change.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CartTtl { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Lines one cart may hold (a table of twelve ordering twice is well under it).</summary>
    [Range(1, 500)]
    public int MaxCartLines { get; set; } = 100;

    /// <summary>Lines one order may hold.</summary>
    [Range(1, 500)]
    public int MaxOrderLines { get; set; } = 100;

    /// <summary>How long after closing a manager may reopen a check.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The web app's path a table's QR code opens, followed by the table's token.</summary>
    [Required]
    public string TableLinkPath { get; set; } = "/t/";
}
