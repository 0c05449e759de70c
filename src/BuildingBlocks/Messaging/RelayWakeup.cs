namespace Brigade.Messaging;

/// <summary>
/// Wakes the relay: a NOTIFY from PostgreSQL after a commit, or a nudge from <see cref="Outbox"/> in this
/// process. A nudge comes before its transaction commits (a commit cannot be observed from here), so
/// while the NOTIFY listener is down the relay follows nudges with quick re-checks instead.
/// </summary>
internal sealed class RelayWakeup(TimeProvider clock)
{
    private static readonly TimeSpan NudgeWindow = TimeSpan.FromSeconds(2);

    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nudgedUntil;

    /// <summary>Completes at the first signal after the last <see cref="Reset"/>.</summary>
    public Task Signalled => Volatile.Read(ref _signal).Task;

    public void Signal() => Volatile.Read(ref _signal).TrySetResult();

    public void Nudge()
    {
        Interlocked.Exchange(ref _nudgedUntil, (clock.GetUtcNow() + NudgeWindow).UtcTicks);
        Signal();
    }

    public bool RecentlyNudged => Interlocked.Read(ref _nudgedUntil) > clock.GetUtcNow().UtcTicks;

    /// <summary>Call before looking for rows: a signal from then on is kept until it is waited for, so none is lost.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _signal);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    /// <summary>Returns when signalled since the last <see cref="Reset"/>, when <paramref name="alsoWhen"/> completes, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken, Task? alsoWhen = null)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, timer.Token);
        await Task.WhenAny(alsoWhen is null ? [Signalled, delay] : [Signalled, delay, alsoWhen]);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
