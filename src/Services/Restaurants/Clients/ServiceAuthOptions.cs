namespace Brigade.Restaurants.Clients;

/// <summary>Settings under <c>ServiceAuth</c>: the client secret identity issues this service's service token for.</summary>
public sealed class ServiceAuthOptions
{
    /// <summary>Optional: without it, looking a person up by email answers 503 (the rest of the service works).</summary>
    public string? ClientSecret { get; set; }
}
