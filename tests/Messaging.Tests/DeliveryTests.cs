using System.Diagnostics;
using System.Text;
using Npgsql;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Brigade.Messaging.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public async Task A_committed_event_is_published_once_and_handled_once()
    {
        await using var bus = new TestBus();
        var tap = await bus.TapAsync();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);

        using (var activity = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await publisher.PublishAsync(order);
        }

        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(order.OrderId) == 1, "the consumer handled the order");
        await Eventually.HoldsAsync(async () => await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NOT NULL") == 1, "the row is marked sent");
        // A sent row is never claimed again: what the relay published up to now is all it will. The tap holds it once it arrived.
        await Eventually.HoldsAsync(() => Task.FromResult(tap.Messages.Count == publisher.Metrics.Count("brigade.messaging.published")), "the tap received what was published");

        publisher.Metrics.Count("brigade.messaging.published").ShouldBe(1);
        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox")).ShouldBe(1);
        var published = tap.Messages.ShouldHaveSingleItem();
        published.RoutingKey.ShouldBe("test.order.placed");
        published.Properties.Type.ShouldBe("test.order.placed");
        published.Properties.ContentType.ShouldBe("application/json");
        published.Properties.DeliveryMode.ShouldBe(DeliveryModes.Persistent);
        published.Properties.AppId.ShouldBe("orders/orders");
        Guid.Parse(published.MessageId!).Version.ShouldBe(7);
        published.Body.ShouldContain($"\"orderId\":\"{order.OrderId}\"");
        (await consumer.EffectsAsync(order.OrderId)).ShouldBe(1);

        await using var read = consumer.Database.DataSource.CreateCommand("SELECT message_id::text, traceparent, correlation_id FROM effects WHERE order_id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = order.OrderId });
        await using var row = await read.ExecuteReaderAsync();
        (await row.ReadAsync()).ShouldBeTrue();
        row.GetString(0).ShouldBe(published.MessageId);
        var traceparent = row.GetString(1);
        traceparent.ShouldStartWith("00-");
        row.GetString(2).ShouldBe(traceparent.Split('-')[1]); // correlation defaults to the trace id
        consumer.Metrics.Count("brigade.messaging.consumed", "outcome=handled").ShouldBe(1);
        publisher.Metrics.Count("brigade.messaging.published").ShouldBe(1);
    }

    [Fact]
    public async Task A_rolled_back_event_is_never_published()
    {
        await using var bus = new TestBus();
        var tap = await bus.TapAsync();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var rolledBack = new OrderPlaced(Guid.NewGuid(), 1);
        var marker = new OrderPlaced(Guid.NewGuid(), 2);

        await using (var connection = await publisher.Database.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await publisher.Outbox.AddAsync(connection, transaction, rolledBack);
            await transaction.RollbackAsync();
        }

        await publisher.PublishAsync(marker);
        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(marker.OrderId) == 1, "the marker was handled");

        // The rolled-back row never existed, so no relay can ever publish it: the outbox holds the marker alone, sent.
        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox")).ShouldBe(1);
        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE payload::text LIKE '%' || $1 || '%'", rolledBack.OrderId.ToString())).ShouldBe(0);
        await Eventually.HoldsAsync(() => Task.FromResult(tap.Messages.Count == publisher.Metrics.Count("brigade.messaging.published")), "the tap received what was published");
        tap.Messages.ShouldHaveSingleItem().Body.ShouldContain(marker.OrderId.ToString());
        (await consumer.EffectsAsync(rolledBack.OrderId)).ShouldBe(0);
    }

    [Fact]
    public async Task The_same_message_delivered_again_has_no_second_effect()
    {
        await using var bus = new TestBus();
        var tap = await bus.TapAsync();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);
        await publisher.PublishAsync(order);
        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(order.OrderId) == 1, "the first delivery was handled");
        var original = tap.Messages.ShouldHaveSingleItem();

        // Redeliver the very same message five times at once, as a relay that died after publishing would.
        var copy = new BasicProperties(original.Properties);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => bus.PublishRawAsync(original.RoutingKey, copy, Encoding.UTF8.GetBytes(original.Body))));

        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate") == 5), "the copies were consumed");
        (await consumer.EffectsAsync(order.OrderId)).ShouldBe(1);
        consumer.Script.CallsFor(order.OrderId).ShouldBe(1);
        (await consumer.ScalarAsync("SELECT count(*) FROM messaging_inbox")).ShouldBe(1);
        (await bus.ReadyCountAsync(consumer.QueuePrefix)).ShouldBe(0u);
    }

    [Fact]
    public async Task Two_relays_on_one_outbox_lose_nothing_and_publish_nothing_twice()
    {
        await using var bus = new TestBus();
        var tap = await bus.TapAsync();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var outbox = await bus.DatabaseAsync("orders");
        var first = await bus.PublisherAsync(outbox, instance: "orders-1");
        var second = await bus.PublisherAsync(outbox, instance: "orders-2");
        var orders = Enumerable.Range(0, 400).Select(i => new OrderPlaced(Guid.NewGuid(), i)).ToList();

        // Both replicas write events while both relays run: 40 transactions of 10 events, interleaved.
        await Task.WhenAll(orders.Chunk(10).Select((chunk, i) => (i % 2 == 0 ? first : second).PublishAsync(chunk)));

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(DISTINCT order_id) FROM effects") == orders.Count, "every order was handled", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => await first.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NULL") == 0, "every row is marked sent");
        // Every row is sent, so both relays are done publishing; wait until the tap and the consumer have all of it.
        var published = first.Metrics.Count("brigade.messaging.published") + second.Metrics.Count("brigade.messaging.published");
        await Eventually.HoldsAsync(() => Task.FromResult(tap.Messages.Count == published), "the tap received everything published");
        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.consumed") == published), "the consumer acknowledged everything published");

        published.ShouldBe(orders.Count);
        tap.Messages.GroupBy(m => m.MessageId).ShouldAllBe(g => g.Count() == 1);
        (await consumer.ScalarAsync("SELECT count(*) FROM effects")).ShouldBe(orders.Count);
        consumer.Metrics.Count("brigade.messaging.consumed", "outcome=duplicate").ShouldBe(0);
    }

    [Fact]
    public async Task Events_a_handler_adds_are_published_in_its_transaction_with_its_correlation_and_causation()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1, Note: "ship");

        await publisher.PublishAsync(order);

        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE type = 'test.order.shipped'") == 1, "the handler added its event");
        await using var read = consumer.Database.DataSource.CreateCommand("""
            SELECT o.causation_id = e.message_id::text, o.correlation_id = e.correlation_id
              FROM messaging_outbox o, effects e WHERE e.order_id = $1
            """);
        read.Parameters.Add(new NpgsqlParameter { Value = order.OrderId });
        await using var row = await read.ExecuteReaderAsync();
        (await row.ReadAsync()).ShouldBeTrue();
        row.GetBoolean(0).ShouldBeTrue("causation is the handled message");
        row.GetBoolean(1).ShouldBeTrue("correlation carries over");
    }

    [Fact]
    public async Task The_relay_wakes_on_a_commit_made_by_another_replica_without_waiting_for_its_poll()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.HostAsync("orders", await bus.DatabaseAsync("orders"), consume: false, configure: s => s["Messaging:RelayPollInterval"] = "00:01:00");
        await Task.Delay(500); // the relay has polled once at start and now waits

        // Written as another replica's outbox would be: no in-process nudge reaches this relay, only PostgreSQL's NOTIFY.
        var orderId = Guid.NewGuid();
        await using (var insert = publisher.Database.DataSource.CreateCommand("""
            INSERT INTO messaging_outbox (message_id, type, version, payload, occurred_at, producer)
            VALUES ($1, 'test.order.placed', 1, $2::json, now(), 'orders/orders-2')
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"{{\"orderId\":\"{orderId}\",\"sequence\":1}}" });
            await insert.ExecuteNonQueryAsync();
        }

        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(orderId) == 1, "the event arrived long before the next poll", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Sent_outbox_rows_and_inbox_entries_are_deleted_after_their_retention()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), configure: s => s["Messaging:InboxRetention"] = "00:00:00.001");
        var publisher = await bus.HostAsync("orders", await bus.DatabaseAsync("orders"), consume: false, configure: s => s["Messaging:SentRetention"] = "00:00:00.001");
        await publisher.PublishAsync(new OrderPlaced(Guid.NewGuid(), 1), new OrderPlaced(Guid.NewGuid(), 2));
        await Eventually.HoldsAsync(async () => await consumer.ScalarAsync("SELECT count(*) FROM effects") == 2, "both were handled");
        await Eventually.HoldsAsync(async () => await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NOT NULL") == 2, "both are marked sent");

        await publisher.StopAsync(); // no relay: the next row stays unsent
        await using (var unsent = await publisher.Database.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await unsent.BeginTransactionAsync();
            await publisher.Outbox.AddAsync(unsent, transaction, new OrderPlaced(Guid.NewGuid(), 3));
            await transaction.CommitAsync();
        }

        await publisher.App.Services.GetRequiredService<OutboxMonitor>().CleanupAsync(default);
        await consumer.App.Services.GetRequiredService<OutboxMonitor>().CleanupAsync(default);

        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NOT NULL")).ShouldBe(0);
        (await publisher.ScalarAsync("SELECT count(*) FROM messaging_outbox WHERE sent_at IS NULL")).ShouldBe(1);
        (await consumer.ScalarAsync("SELECT count(*) FROM messaging_inbox")).ShouldBe(0);
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_the_messaging_instruments()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);
        await publisher.PublishAsync(order);
        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(order.OrderId) == 1, "the order was handled");

        // The exporter listens process-wide, so with tests running in parallel only the series' presence is certain.
        var published = await publisher.App.GetTestClient().GetStringAsync("/metrics");
        published.ShouldContain("brigade_messaging_published_total{type=\"test.order.placed\"}");
        published.ShouldContain("brigade_messaging_outbox_backlog ");
        published.ShouldContain("brigade_messaging_outbox_oldest_age_seconds ");
        var consumed = await consumer.App.GetTestClient().GetStringAsync("/metrics");
        consumed.ShouldContain("brigade_messaging_consumed_total{outcome=\"handled\",type=\"test.order.placed\"}");
        consumed.ShouldContain("brigade_messaging_handler_duration_seconds_bucket{");
        consumed.ShouldContain("brigade_messaging_consume_lag_seconds_count{type=\"test.order.placed\"}");
    }
}
