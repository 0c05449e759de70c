namespace Brigade.Security;

/// <summary>Platform-wide roles carried in the access token's <c>roles</c> claim.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Owner = "owner";
    public const string Manager = "manager";
    public const string Staff = "staff";
    public const string Diner = "diner";
    public const string Worker = "worker";
    public const string Concierge = "concierge";

    /// <summary>Another Brigade service acting for the system (client-credentials token).</summary>
    public const string Service = "service";

    /// <summary>Roles a person can hold (everything but <see cref="Service"/>).</summary>
    public static readonly IReadOnlySet<string> UserRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        Admin, Owner, Manager, Staff, Diner, Worker, Concierge,
    };

    /// <summary>Roles a person can hold in one restaurant (the <c>memberships</c> claim).</summary>
    public static readonly IReadOnlySet<string> RestaurantRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        Owner, Manager, Staff,
    };
}

/// <summary>Authorization policies registered by <see cref="SecurityExtensions.AddBrigadeSecurity"/>.</summary>
public static class Policies
{
    /// <summary>Platform administrators.</summary>
    public const string Admin = "admin";

    /// <summary>Service tokens (client credentials).</summary>
    public const string Service = "service";

    /// <summary>Administrators or service tokens.</summary>
    public const string AdminOrService = "admin-or-service";

    /// <summary>A signed-in person (a user token, not a service token).</summary>
    public const string User = "user";
}

/// <summary>A person's role in one restaurant, as carried in the <c>memberships</c> claim.</summary>
public sealed record Membership(Guid RestaurantId, string Role);
