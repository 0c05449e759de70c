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
}
