using System.Collections.Concurrent;

namespace Brigade.Messaging.Tests;

public sealed class PublisherCrashTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Events_committed_by_a_publisher_killed_before_publishing_are_delivered_after_a_restart()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var outbox = await bus.DatabaseAsync("orders");

        // Its broker address leads nowhere, so every committed event is still in the outbox when it dies.
        using (var child = ChildPublisher.Start(outbox.ConnectionString, "amqp://brigade:none@127.0.0.1:1/", bus.Exchange, count: 40))
        {
            await child.ReadyAsync(TimeSpan.FromSeconds(60));
            (await child.KillAsync()).ShouldBe(137); // 128 + SIGKILL
        }

        await using (var unsent = outbox.DataSource.CreateCommand("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NULL"))
        {
            (await unsent.ExecuteScalarAsync()).ShouldBe(40L);
        }

        var publisher = await bus.PublisherAsync(outbox);

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(DISTINCT order_id) FROM effects") == 40, "all 40 events were handled");
        await Eventually.HoldsAsync(async () => await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NULL") == 0, "the outbox is drained");
        (await consumer.ScalarAsync("SELECT count(*) FROM effects")).ShouldBe(40);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_publisher_killed_while_relaying_loses_nothing()
    {
        await using var bus = new TestBus();
        var tap = await bus.TapAsync();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var outbox = await bus.DatabaseAsync("orders");

        using (var child = ChildPublisher.Start(outbox.ConnectionString, bus.RabbitMqUri, bus.Exchange, count: null))
        {
            await child.ReadyAsync(TimeSpan.FromSeconds(60));
            await Eventually.HoldsAsync(() => Task.FromResult(child.Committed >= 150), "the child committed 150 events");
            await child.KillAsync();
        }

        var publisher = await bus.PublisherAsync(outbox);
        var committed = await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox"); // what the database committed is the truth

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(DISTINCT order_id) FROM effects") == committed, $"all {committed} committed events were handled");
        (await consumer.ScalarAsync("SELECT count(*) FROM effects")).ShouldBe(committed);
        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NULL")).ShouldBe(0);
        tap.Messages.Select(m => m.MessageId).Distinct().Count().ShouldBe((int)committed);
    }
}

public sealed class BrokerOutageTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Every_committed_event_is_delivered_when_the_broker_stops_for_ten_seconds_mid_stream()
    {
        await using var node = await PrivateRabbitNode.StartAsync();
        await using var bus = new TestBus(node.Uri);
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var committed = new ConcurrentQueue<Guid>();
        var committedWhileDown = 0;
        var brokerDown = 0;
        using var stop = new CancellationTokenSource();
        var producing = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var order = new OrderPlaced(Guid.NewGuid(), i);
                var down = Volatile.Read(ref brokerDown) == 1;
                await publisher.PublishAsync(order);
                committed.Enqueue(order.OrderId);
                if (down)
                {
                    Interlocked.Increment(ref committedWhileDown);
                }

                await Task.Delay(25);
            }
        });

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(*) FROM effects") >= 20, "events flow before the outage");
        await node.StopServerAsync();
        Volatile.Write(ref brokerDown, 1);
        await Task.Delay(TimeSpan.FromSeconds(10));
        Volatile.Write(ref brokerDown, 0);
        await node.StartServerAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await stop.CancelAsync();
        await producing;

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(DISTINCT order_id) FROM effects") == committed.Count,
            $"all {committed.Count} committed events were handled", TimeSpan.FromSeconds(60));
        committedWhileDown.ShouldBeGreaterThan(50);
        (await consumer.ScalarAsync("SELECT count(*) FROM effects")).ShouldBe(committed.Count);
        var handled = new HashSet<Guid>();
        await using (var read = consumer.Database.DataSource.CreateCommand("SELECT order_id FROM effects"))
        await using (var rows = await read.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                handled.Add(rows.GetGuid(0));
            }
        }

        handled.SetEquals(committed).ShouldBeTrue();
    }
}
