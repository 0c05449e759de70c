using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Brigade.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Registers the <c>Bearer</c> authentication scheme validating ES256 access tokens, the
    /// <see cref="Policies"/>, and the restaurant-membership requirement. Keys come from the fixed set in
    /// <c>Security:Jwks</c> when given, else from the JWKS at <c>Security:JwksUrl</c> (default: the first
    /// <c>Services:identity</c> URL + <c>/api/auth/jwks</c>). A service that owns the keys (identity)
    /// registers its own <see cref="IValidationKeys"/> after this.
    /// </summary>
    public static IServiceCollection AddBrigadeSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RevokedTokens>();
        services.TryAddSingleton<AccessTokenValidator>();
        services.AddHttpClient(JwksClient.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(5);
            http.MaxResponseContentBufferSize = 256 * 1024;
        });
        services.TryAddSingleton<JwksClient>();
        services.TryAddSingleton<IValidationKeys>(sp =>
        {
            var fixedSet = sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Jwks;
            return string.IsNullOrWhiteSpace(fixedSet)
                ? sp.GetRequiredService<JwksClient>()
                : StaticValidationKeys.Parse(fixedSet);
        });

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, RestaurantMemberHandler>());
        services.AddAuthorization(o =>
        {
            AuthorizationPolicy RolePolicy(params string[] roles) => new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(roles).Build();

            o.DefaultPolicy = new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.Admin, RolePolicy(Roles.Admin));
            o.AddPolicy(Policies.Service, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.IsService()).Build());
            o.AddPolicy(Policies.AdminOrService, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.IsAdmin() || c.User.IsService()).Build());
            o.AddPolicy(Policies.User, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.FindUserId() is not null).Build());
        });
        return services;
    }
}
