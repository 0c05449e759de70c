using Brigade.Notifications.Data;
using Brigade.Notifications.Delivery;
using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Jobs;

/// <summary>
/// Sends due email, SMS and push messages. Replicas share the work: each claims rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease. Every attempt is counted; a failure is retried with doubling delays
/// until <c>Delivery:MaxAttempts</c>, then the message stays <c>failed</c> with its last error for admins to see.
/// </summary>
public sealed class DeliveryWorker(
    Deliveries deliveries,
    PreferenceStore preferences,
    IEnumerable<IChannelSender> senders,
    IOptions<NotificationsOptions> options,
    TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Delivery;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                var due = await deliveries.ClaimDueAsync(clock.GetUtcNow(), settings.Lease, settings.BatchSize, stoppingToken);
                handled = due.Count;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                    async (delivery, ct) => await DeliverAsync(delivery, ct));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Delivery round failed; trying again shortly");
            }

            if (handled < settings.BatchSize)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task DeliverAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var settings = options.Value.Delivery;
        try
        {
            if (!_senders.TryGetValue(delivery.Channel, out var sender))
            {
                throw new DeliveryFailedException($"No sender for channel {delivery.Channel}.", permanent: true);
            }

            await sender.SendAsync(delivery, ct);
            await deliveries.MarkSentAsync(delivery.Id, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var permanent = e is DeliveryFailedException { Permanent: true };
            var retryAt = Backoff.NextAttempt(delivery.Attempts, permanent, clock.GetUtcNow(), settings.MaxAttempts, settings.FirstRetryDelay, settings.MaxRetryDelay);
            logger.LogWarning("Delivery {DeliveryId} ({Channel}) attempt {Attempt} failed: {Error}; {Next}",
                delivery.Id, delivery.Channel, delivery.Attempts, e.Message, retryAt is null ? "failed for good" : $"retry at {retryAt:O}");
            await deliveries.MarkFailedAttemptAsync(delivery.Id, e.Message, retryAt, CancellationToken.None);
            if (permanent && delivery.Channel == Channels.Push && delivery.UserId is { } userId)
            {
                // The push service no longer knows this device (app uninstalled, token rotated): stop sending to it.
                await preferences.RemoveDeviceAsync(userId, delivery.Recipient, CancellationToken.None);
            }
        }
    }
}
