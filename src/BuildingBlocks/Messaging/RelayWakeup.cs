using System.Threading.Channels;

namespace Brigade.Messaging;

/// <summary>
/// Wakes the relay: a NOTIFY from PostgreSQL after a commit, or a nudge from <see cref="Outbox"/> in this
/// process. A nudge comes before its transaction commits (a commit cannot be observed from here), so
/// while the NOTIFY listener is down the relay follows nudges with quick re-checks instead.
/// </summary>
internal sealed class RelayWakeup(TimeProvider clock)
{
    private static readonly TimeSpan NudgeWindow = TimeSpan.FromSeconds(2);

    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _nudgedUntil;

    public void Signal() => _signals.Writer.TryWrite(true);

    public void Nudge()
    {
        Interlocked.Exchange(ref _nudgedUntil, (clock.GetUtcNow() + NudgeWindow).UtcTicks);
        Signal();
    }

    public bool RecentlyNudged => Interlocked.Read(ref _nudgedUntil) > clock.GetUtcNow().UtcTicks;

    /// <summary>Returns when signalled or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_signals.Reader.TryRead(out _))
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _signals.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // timed out: poll
        }
    }
}
