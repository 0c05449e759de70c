namespace Brigade.Messaging.Tests;

/// <summary>
/// Replicas that each consume every event from a queue of their own while sharing one database (the gateway's
/// revocation list): the shared inbox makes all but the first skip an event, unless <c>Messaging:UseInbox</c> is off.
/// </summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task Replicas_with_queues_of_their_own_and_the_inbox_off_each_handle_every_event()
    {
        await using var bus = new TestBus();
        var database = await bus.DatabaseAsync("kitchen");
        var first = await ReplicaAsync(bus, database, "kitchen-1", useInbox: false);
        var second = await ReplicaAsync(bus, database, "kitchen-2", useInbox: false);
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);

        await publisher.PublishAsync(order);

        await Eventually.HoldsAsync(() => Task.FromResult(first.Script.CallsFor(order.OrderId) == 1 && second.Script.CallsFor(order.OrderId) == 1), "both replicas handled the order");
        await Eventually.HoldsAsync(() => Task.FromResult(first.Metrics.Count("brigade.messaging.consumed") + second.Metrics.Count("brigade.messaging.consumed") == 2), "both replicas acknowledged it");
        (await first.EffectsAsync(order.OrderId)).ShouldBe(2);
        (await first.ScalarAsync("SELECT count(*) FROM messaging_inbox")).ShouldBe(0);
        (first.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate") + second.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate")).ShouldBe(0);
    }

    [Fact]
    public async Task By_default_replicas_sharing_one_database_take_each_others_events_for_duplicates()
    {
        await using var bus = new TestBus();
        var database = await bus.DatabaseAsync("kitchen");
        var first = await ReplicaAsync(bus, database, "kitchen-1", useInbox: null);
        var second = await ReplicaAsync(bus, database, "kitchen-2", useInbox: null);
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);

        await publisher.PublishAsync(order);

        // Why a consumer like the gateway's turns the inbox off: the second replica acknowledges the event without effect.
        await Eventually.HoldsAsync(() => Task.FromResult(first.Metrics.Count("brigade.messaging.consumed") + second.Metrics.Count("brigade.messaging.consumed") == 2), "both replicas acknowledged it");
        (await first.EffectsAsync(order.OrderId)).ShouldBe(1);
        (first.Script.CallsFor(order.OrderId) + second.Script.CallsFor(order.OrderId)).ShouldBe(1);
        (first.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate") + second.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate")).ShouldBe(1);
        (await first.ScalarAsync("SELECT count(*) FROM messaging_inbox")).ShouldBe(1);
    }

    /// <summary>A consuming replica on the shared database with a queue named after its instance, as the gateway's are.</summary>
    private static Task<MessagingHost> ReplicaAsync(TestBus bus, Brigade.Testing.TestDatabase database, string instance, bool? useInbox) =>
        bus.HostAsync("kitchen", database, consume: true, configure: settings =>
        {
            settings["Messaging:QueuePrefix"] = $"{bus.Exchange}.{instance}";
            if (useInbox is { } use)
            {
                settings["Messaging:UseInbox"] = use ? "true" : "false";
            }
        }, instance: instance);
}
