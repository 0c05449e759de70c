using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Brigade.Messaging;

/// <summary>
/// Healthy when the publisher connection is open and, if this service consumes events, its consumer is
/// registered. Registered as Degraded on failure, not Unhealthy: without the broker the service still
/// serves requests and its events wait in the outbox, so it should stay in rotation.
/// </summary>
internal sealed class BrokerHealthCheck(BrokerConnections broker, EventConsumer consumer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((broker.IsPublisherOpen, consumer.IsReady) switch
        {
            (true, true) => HealthCheckResult.Healthy(),
            (false, _) => new HealthCheckResult(context.Registration.FailureStatus, "broker unreachable; events wait in the outbox"),
            (true, false) => new HealthCheckResult(context.Registration.FailureStatus, "not consuming yet"),
        });
}
