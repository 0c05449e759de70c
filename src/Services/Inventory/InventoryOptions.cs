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
}
