using Brigade.Ordering.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Ordering.Hubs;

/// <summary>
/// A table's shared cart, live (<c>/hubs/carts</c>): a person who scanned the table's QR code calls <c>join(token)</c>; the
/// server then calls <c>cart</c> (a <see cref="Api.CartResponse"/>) after every change anyone at the table makes, and
/// <c>ordered</c> (an <see cref="Api.OrderResponse"/>) when someone sends the table's order.
/// </summary>
[Authorize(Policy = Policies.User)]
public sealed class CartHub(FactsReader facts) : Hub
{
    public const string Path = "/hubs/carts";

    public static string Group(Guid tableId) => "table:" + tableId.ToString("N");

    public async Task Join(string token)
    {
        var table = token.Length is > 0 and <= 64 ? await facts.TableByTokenAsync(token, Context.ConnectionAborted) : null;
        if (table is not { Active: true })
        {
            throw new HubException("No such table.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(table.Id));
    }
}
