using Brigade.Contracts;
using Npgsql;

namespace Brigade.Messaging;

/// <summary>The message being handled and the open transaction its effects and its inbox record share.</summary>
public sealed class EventContext(Envelope envelope, NpgsqlConnection connection, NpgsqlTransaction transaction, int attempt = 1)
{
    public Envelope Envelope { get; } = envelope;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>1 for the first delivery, counting up with each retry.</summary>
    public int Attempt { get; } = attempt;

    internal List<Func<Task>> Committed { get; } = [];

    /// <summary>
    /// Runs <paramref name="action"/> once the handler's transaction has committed (not when it rolls back), for effects
    /// outside the database that must not run ahead of the commit, such as dropping a cached copy of what changed.
    /// A failure there is logged; the message stays handled.
    /// </summary>
    public void OnCommitted(Func<Task> action) => Committed.Add(action);
}
