using Brigade.Contracts.IoT;
using Brigade.IoT.Hubs;
using Brigade.Messaging;

namespace Brigade.IoT.Events;

/// <summary>
/// Our own <see cref="AlarmChanged"/>, once committed, to the pages watching the restaurant: taking it from the broker
/// (not from inside the transaction that raised it) means a page never sees an alarm that was rolled back.
/// </summary>
public sealed class PushAlarm(Live live) : IEventHandler<AlarmChanged>
{
    public Task HandleAsync(AlarmChanged e, EventContext context, CancellationToken ct) => live.AlarmAsync(e);
}
