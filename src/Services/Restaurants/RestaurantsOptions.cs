namespace Brigade.Restaurants;

/// <summary>Settings under <c>Restaurants</c>, bound by name and checked when the service starts.</summary>
public sealed class RestaurantsOptions
{
    /// <summary>Load the Seoul demo restaurants at start. Default: only in the <c>Local</c> environment.</summary>
    public bool? LoadDemoData { get; set; }

    /// <summary>An account made owner of every demo restaurant (e.g. a demo owner created in identity); none when unset.</summary>
    public Guid? DemoOwnerUserId { get; set; }

    /// <summary>Identity's base URL; default: <c>http://identity</c>, its replicas in the launcher's service list (<c>Services:identity</c>).</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public string? IdentityUrl { get; set; }
}
