using Brigade.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Notifications.Hubs;

/// <summary>
/// Live notifications (<c>/hubs/notifications</c>): the server calls the client method <c>notification</c> with an
/// inbox item. Each connection joins its user's group and one group per restaurant the token says it works at;
/// several connections of one person all receive.
/// </summary>
[Authorize(Policy = Policies.User)]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";
    public const string ClientMethod = "notification";

    public static string UserGroup(Guid userId) => "user:" + userId.ToString("N");

    public static string RestaurantGroup(Guid restaurantId) => "restaurant:" + restaurantId.ToString("N");

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(user.UserId()));
        foreach (var membership in user.Memberships())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RestaurantGroup(membership.RestaurantId));
        }

        await base.OnConnectedAsync();
    }
}
