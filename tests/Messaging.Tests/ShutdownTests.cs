using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Messaging.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_a_consumer_finishes_the_message_in_hand_and_acknowledges_it()
    {
        await using var bus = new TestBus();
        var script = new HandlerScript { Delay = TimeSpan.FromSeconds(1.5) };
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), script);
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);

        await publisher.PublishAsync(order);
        await script.Started(order.OrderId).WaitAsync(TimeSpan.FromSeconds(20));
        await consumer.StopAsync();

        (await consumer.EffectsAsync(order.OrderId)).ShouldBe(1);
        (await bus.ReadyCountAsync(consumer.QueuePrefix)).ShouldBe(0u); // acknowledged, not returned to the queue
        script.CallsFor(order.OrderId).ShouldBe(1);
    }

    [Fact]
    public async Task Stopping_a_consumer_again_or_after_it_was_disposed_is_harmless()
    {
        await using var bus = new TestBus();
        var host = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), new HandlerScript());
        var consumer = host.App.Services.GetRequiredService<EventConsumer>();

        // Hosts do both: stop twice, or stop services they already disposed (a test factory disposed two ways).
        await consumer.StopAsync(CancellationToken.None);
        await consumer.StopAsync(CancellationToken.None);
        consumer.Dispose();
        await consumer.StopAsync(CancellationToken.None);
    }
}
