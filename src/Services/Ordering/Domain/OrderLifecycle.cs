namespace Brigade.Ordering.Domain;

/// <summary>Order statuses as the API spells them.</summary>
public static class OrderStatus
{
    public const string Received = "received";
    public const string Accepted = "accepted";
    public const string InPreparation = "in_preparation";
    public const string Ready = "ready";
    public const string Served = "served";
    public const string PickedUp = "picked_up";
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";
    public const string Voided = "voided";

    public static readonly IReadOnlyList<string> All = [Received, Accepted, InPreparation, Ready, Served, PickedUp, Closed, Cancelled, Voided];

    /// <summary>Statuses of an order that is still on the floor (not closed, cancelled or voided).</summary>
    public static readonly IReadOnlyList<string> Open = [Received, Accepted, InPreparation, Ready, Served, PickedUp];

    public static bool IsOpen(string status) => Open.Contains(status, StringComparer.Ordinal);
}

/// <summary>Where an order is eaten.</summary>
public static class Channel
{
    public const string DineIn = "dine_in";
    public const string Takeout = "takeout";
    public const string Delivery = "delivery";

    public static readonly IReadOnlyList<string> All = [DineIn, Takeout, Delivery];

    /// <summary>Takeout and delivery placed by a diner: what online-order throttling counts.</summary>
    public static bool IsOnline(string channel, bool placedByStaff) => !placedByStaff && channel is Takeout or Delivery;
}

/// <summary>What someone does to an order; the API spells them in kebab case (<c>pick-up</c>).</summary>
public enum OrderAction
{
    Accept,
    Start,
    MarkReady,
    Serve,
    PickUp,
    Close,
    Cancel,
    Void,
    Reopen,
    Recall,
}

/// <summary>Who acts on an order, from least to most trusted.</summary>
public enum Actor
{
    /// <summary>The diner the order belongs to.</summary>
    Diner,

    /// <summary>Any member of the restaurant (staff, manager, owner) or an admin.</summary>
    Staff,

    /// <summary>The restaurant's owner or a manager, or an admin.</summary>
    Manager,

    /// <summary>The platform itself (payments, reservations, timers).</summary>
    System,
}

/// <summary>
/// The order state machine, modelled on restaurant POS systems: received → accepted → in_preparation → ready →
/// served (dine-in) or picked_up (takeout, delivery) → closed; before the kitchen starts an order is cancelled, after it
/// is voided; a closed check is reopened by a manager within a window, a ready order recalled to the kitchen.
/// Every allowed move is in <see cref="Moves"/>, nothing else is.
/// </summary>
public static class OrderLifecycle
{
    private static readonly Dictionary<(string From, OrderAction Action), string> Moves = new()
    {
        [(OrderStatus.Received, OrderAction.Accept)] = OrderStatus.Accepted,
        [(OrderStatus.Received, OrderAction.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.Accepted, OrderAction.Start)] = OrderStatus.InPreparation,
        [(OrderStatus.Accepted, OrderAction.MarkReady)] = OrderStatus.Ready,
        [(OrderStatus.Accepted, OrderAction.Cancel)] = OrderStatus.Cancelled,
        [(OrderStatus.InPreparation, OrderAction.MarkReady)] = OrderStatus.Ready,
        [(OrderStatus.InPreparation, OrderAction.Void)] = OrderStatus.Voided,
        [(OrderStatus.Ready, OrderAction.Serve)] = OrderStatus.Served,
        [(OrderStatus.Ready, OrderAction.PickUp)] = OrderStatus.PickedUp,
        [(OrderStatus.Ready, OrderAction.Recall)] = OrderStatus.InPreparation,
        [(OrderStatus.Ready, OrderAction.Void)] = OrderStatus.Voided,
        [(OrderStatus.Served, OrderAction.Close)] = OrderStatus.Closed,
        [(OrderStatus.Served, OrderAction.Void)] = OrderStatus.Voided,
        [(OrderStatus.PickedUp, OrderAction.Close)] = OrderStatus.Closed,
        [(OrderStatus.PickedUp, OrderAction.Void)] = OrderStatus.Voided,
        [(OrderStatus.Closed, OrderAction.Reopen)] = OrderStatus.Served, // picked_up for takeout and delivery, see Next
    };

    /// <summary>Who may take each action at least (the diner only cancels an order the restaurant has not accepted).</summary>
    private static readonly Dictionary<OrderAction, Actor> Least = new()
    {
        [OrderAction.Accept] = Actor.Staff,
        [OrderAction.Start] = Actor.Staff,
        [OrderAction.MarkReady] = Actor.Staff,
        [OrderAction.Serve] = Actor.Staff,
        [OrderAction.PickUp] = Actor.Staff,
        [OrderAction.Close] = Actor.Staff,
        [OrderAction.Cancel] = Actor.Diner,
        [OrderAction.Recall] = Actor.Staff,
        [OrderAction.Void] = Actor.Manager,
        [OrderAction.Reopen] = Actor.Manager,
    };

    /// <summary>The status after <paramref name="action"/>, or null when the state machine does not allow it.</summary>
    public static string? Next(string from, OrderAction action, string channel)
    {
        if (!Moves.TryGetValue((from, action), out var to))
        {
            return null;
        }

        return action switch
        {
            // A table is served; a bag is picked up (by the diner or the courier).
            OrderAction.Serve when channel != Channel.DineIn => null,
            OrderAction.PickUp when channel == Channel.DineIn => null,
            OrderAction.Reopen => channel == Channel.DineIn ? OrderStatus.Served : OrderStatus.PickedUp,
            _ => to,
        };
    }

    /// <summary>Whether <paramref name="actor"/> may take <paramref name="action"/> on an order in <paramref name="status"/>.</summary>
    public static bool MayAct(Actor actor, OrderAction action, string status)
    {
        if (actor == Actor.System)
        {
            return true;
        }

        if (actor == Actor.Diner)
        {
            return action == OrderAction.Cancel && status == OrderStatus.Received;
        }

        return actor >= Least[action];
    }

    /// <summary>The actions the state machine and <paramref name="actor"/>'s rights allow now.</summary>
    public static IReadOnlyList<OrderAction> Allowed(string status, string channel, Actor actor) =>
        Enum.GetValues<OrderAction>().Where(a => Next(status, a, channel) is not null && MayAct(actor, a, status)).ToList();

    /// <summary>Lines change (added, removed, quantities) only before the kitchen starts.</summary>
    public static bool CanModify(string status) => status is OrderStatus.Received or OrderStatus.Accepted;

    /// <summary>A cancellation before the kitchen started gives the portions back; a void after it does not (the food was made).</summary>
    public static bool RestoresStock(OrderAction action) => action == OrderAction.Cancel;

    /// <summary>A closed check may be reopened within <paramref name="window"/> of closing, never later (the day's books are done).</summary>
    public static bool WithinReopenWindow(DateTimeOffset closedAt, DateTimeOffset now, TimeSpan window) => now - closedAt <= window;

    public static string Spell(OrderAction action) => action switch
    {
        OrderAction.MarkReady => "ready",
        OrderAction.PickUp => "pick-up",
        _ => action.ToString().ToLowerInvariant(),
    };
}
