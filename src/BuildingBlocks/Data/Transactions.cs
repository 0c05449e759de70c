using Npgsql;

namespace Brigade.Data;

/// <summary>
/// Runs a whole transaction again when PostgreSQL chose it as a deadlock's victim or refused it as a serialization
/// conflict. Concurrent writes checked by an exclusion or unique constraint can deadlock each other (each waits for
/// the other's row); the retried victim then finds the winner's row and answers as it would have one moment later
/// (an overlap, a conflict). The work must open and commit its own transaction, so nothing of a failed attempt stays.
/// </summary>
public static class Transactions
{
    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> work, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < attempts)
            {
                // Tried again at once: the other transaction has finished or is finishing.
            }
        }
    }
}
