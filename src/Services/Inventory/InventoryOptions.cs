using System.ComponentModel.DataAnnotations;

namespace Brigade.Inventory;

/// <summary>Settings under <c>Inventory</c>, bound by name and checked when the service starts.</summary>
public sealed class InventoryOptions
{
    /// <summary>The currency of a restaurant's stock costs until its manager sets another.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string DefaultCurrency { get; set; } = "KRW";

    /// <summary>Ingredients one recipe may list.</summary>
    [Range(1, 200)]
    public int MaxRecipeLines { get; set; } = 50;

    /// <summary>Lines one stock count may hold (a full count lists every item).</summary>
    [Range(1, 5000)]
    public int MaxCountLines { get; set; } = 500;

    /// <summary>How often stock about to expire is looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Managers are told when an item on hand expires within this many days (0 = on the day).</summary>
    [Range(0, 60)]
    public int ExpiryWarningDays { get; set; } = 2;

    /// <summary>Stock, suppliers and recipes for two demo restaurants (<c>DemoData/DemoStock.cs</c>). Default: only in the <c>Local</c> environment.</summary>
    public bool? LoadDemoData { get; set; }

    /// <summary>Forecasting's base URL; default: <c>http://forecasting</c>, its replicas in the launcher's service list (<c>Services:forecasting</c>).</summary>
    [Url]
    public string? ForecastingUrl { get; set; }

    /// <summary>The sender of purchase orders mailed to suppliers.</summary>
    [Required, EmailAddress]
    public string SupplierMailFrom { get; set; } = "orders@brigade.local";

    /// <summary>
    /// Where purchase orders to suppliers are written as <c>.eml</c> files instead of sent (local runs and tests); when
    /// empty and no SMTP host is set, <c>Brigade:StateDirectory</c>/mail is used if there is one.
    /// </summary>
    public string? SupplierMailPickupDirectory { get; set; }

    /// <summary>SMTP server for purchase orders to suppliers (production); the pickup directory wins when both are set.</summary>
    public string? SupplierMailHost { get; set; }

    [Range(1, 65535)]
    public int SupplierMailPort { get; set; } = 587;

    public bool SupplierMailSsl { get; set; } = true;

    public string? SupplierMailUserName { get; set; }

    public string? SupplierMailPassword { get; set; }
}
