using System.Collections.Concurrent;
using Brigade.Payments.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

/// <summary>One row of an owner's account history.</summary>
public sealed record HistoryRow(long PostingId, DateTimeOffset CreatedAt, string AccountKind, string EntryKind, Guid ReferenceId, string Category, long Amount, string? Memo);

/// <summary>An owner's three balances, in their natural direction (what the platform owes them).</summary>
public sealed record WalletBalances(long Available, long Pending, long Held);

/// <summary>A trial balance row: an account kind's total of postings (debit positive).</summary>
public sealed record KindTotal(string Kind, string Currency, long Total);

/// <summary>
/// The double-entry ledger. <see cref="PostAsync"/> books a <see cref="JournalEntry"/> inside the caller's transaction,
/// once per entry kind and reference; the database checks at commit that every entry balances, and refuses an
/// overdraft on accounts that allow none.
/// </summary>
public sealed class LedgerStore(NpgsqlDataSource db, TimeProvider clock, IConfiguration configuration) : IAsyncDisposable
{
    // Accounts are created on connections from a small pool of their own: callers ask while holding one of the service's
    // pooled connections in a transaction, and a burst of first uses (64 captures and the PG's notifications for a new
    // restaurant) each taking a second one from the same pool exhausted it and waited on itself (bench/payments: 500s).
    private readonly NpgsqlDataSource _accountsDb = new NpgsqlDataSourceBuilder(configuration.GetConnectionString("Database"))
    {
        ConnectionStringBuilder = { MaxPoolSize = 4 },
    }.Build();

    // Account ids never change once their row is committed; accounts are created in a transaction of their own so
    // that an id cached here can never belong to a rolled-back row.
    private readonly ConcurrentDictionary<(Account, string), Guid> _ids = new();
    private readonly ConcurrentDictionary<(Account, string), Task<Guid>> _creating = new();

    /// <summary>Books <paramref name="entry"/>; false when an entry of that kind and reference was booked before.</summary>
    public async Task<bool> PostAsync(NpgsqlConnection c, NpgsqlTransaction tx, JournalEntry entry, DateTimeOffset at, CancellationToken ct)
    {
        var accounts = new Dictionary<Account, Guid>();
        foreach (var account in entry.Postings.Select(p => p.Account).Distinct())
        {
            accounts[account] = await AccountIdAsync(account, entry.Currency, ct);
        }

        var entryId = Guid.CreateVersion7();
        var inserted = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO journal_entries (id, kind, reference_id, currency, memo, created_at)
            VALUES (@entryId, @Kind, @ReferenceId, @Currency, @Memo, @at)
            ON CONFLICT (kind, reference_id) DO NOTHING
            """, new { entryId, entry.Kind, entry.ReferenceId, entry.Currency, entry.Memo, at = at.ToUniversalTime() }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        // Lines in account-id order: two entries touching the same owner accounts lock them in one order.
        var lines = entry.Postings.OrderBy(p => accounts[p.Account]).ToList();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO postings (entry_id, account_id, amount, category, created_at)
            SELECT @entryId, a, m, k, @at FROM unnest(@accountIds, @amounts, @categories) AS t(a, m, k)
            """, new
        {
            entryId,
            accountIds = lines.Select(p => accounts[p.Account]).ToArray(),
            amounts = lines.Select(p => p.Amount).ToArray(),
            categories = lines.Select(p => p.Category).ToArray(),
            at = at.ToUniversalTime(),
        }, tx, cancellationToken: ct));
        return true;
    }

    /// <summary>The account's id, creating its row (committed on its own) the first time.</summary>
    public async Task<Guid> AccountIdAsync(Account account, string currency, CancellationToken ct)
    {
        if (_ids.TryGetValue((account, currency), out var cached))
        {
            return cached;
        }

        // One creation per account at a time: a burst of first uses waits for one insert.
        var key = (account, currency);
        var creation = _creating.GetOrAdd(key, k => CreateAsync(k.Item1, k.Item2));
        try
        {
            return await creation.WaitAsync(ct);
        }
        finally
        {
            if (creation.IsCompleted)
            {
                _creating.TryRemove(KeyValuePair.Create(key, creation));
            }
        }
    }

    private async Task<Guid> CreateAsync(Account account, string currency)
    {
        // Shared by every caller waiting for this account, so no one caller's cancellation ends it.
        var ct = CancellationToken.None;
        await using var c = await _accountsDb.OpenConnectionAsync(ct);
        var id = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            INSERT INTO ledger_accounts (id, kind, owner_kind, owner_id, currency, normal_side, balance, overdraft, created_at)
            VALUES (@id, @Kind, @OwnerKind, @OwnerId, @currency, @NormalSide, CASE WHEN @OwnerId::uuid IS NULL THEN NULL ELSE 0 END, @Overdraft, @now)
            ON CONFLICT (kind, owner_kind, owner_id, currency) DO NOTHING
            RETURNING id
            """, new { id = Guid.CreateVersion7(), account.Kind, account.OwnerKind, account.OwnerId, currency, account.NormalSide, account.Overdraft, now = clock.GetUtcNow().ToUniversalTime() },
            cancellationToken: ct))
            ?? await c.ExecuteScalarAsync<Guid>(new CommandDefinition("""
                SELECT id FROM ledger_accounts
                 WHERE kind = @Kind AND owner_kind IS NOT DISTINCT FROM @OwnerKind AND owner_id IS NOT DISTINCT FROM @OwnerId AND currency = @currency
                """, new { account.Kind, account.OwnerKind, account.OwnerId, currency }, cancellationToken: ct));
        _ids[(account, currency)] = id;
        return id;
    }

    /// <summary>Locks an owner's account for the rest of the transaction and returns its balance.</summary>
    public async Task<long> LockBalanceAsync(NpgsqlConnection c, NpgsqlTransaction tx, Account account, string currency, CancellationToken ct)
    {
        var id = await AccountIdAsync(account, currency, ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT balance FROM ledger_accounts WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
    }

    public async Task<WalletBalances> BalancesAsync(Owner owner, string currency, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<(string Kind, long Balance)>(new CommandDefinition("""
            SELECT kind, balance FROM ledger_accounts WHERE owner_kind = @Kind AND owner_id = @Id AND currency = @currency
            """, new { owner.Kind, owner.Id, currency }, cancellationToken: ct))).ToDictionary(r => r.Kind, r => r.Balance);
        return new WalletBalances(rows.GetValueOrDefault("wallet"), rows.GetValueOrDefault("receivable"), rows.GetValueOrDefault("hold"));
    }

    /// <summary>Postings on the owner's accounts, newest first, in the accounts' natural direction (money to the owner positive).</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(Owner owner, string currency, long? beforePostingId, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<HistoryRow>(new CommandDefinition("""
            SELECT p.id AS posting_id, p.created_at, a.kind AS account_kind, e.kind AS entry_kind, e.reference_id, p.category, -p.amount AS amount, e.memo
              FROM ledger_accounts a
              JOIN postings p ON p.account_id = a.id
              JOIN journal_entries e ON e.id = p.entry_id
             WHERE a.owner_kind = @Kind AND a.owner_id = @Id AND a.currency = @currency
               AND (@before::bigint IS NULL OR p.id < @before)
             ORDER BY p.id DESC
             LIMIT @take
            """, new { owner.Kind, owner.Id, currency, before = beforePostingId, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>The sum of all postings per account kind and currency (debit positive): the ledger's trial balance.</summary>
    public async Task<IReadOnlyList<KindTotal>> TotalsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<KindTotal>(new CommandDefinition("""
            SELECT a.kind, a.currency, coalesce(sum(p.amount), 0)::bigint AS total
              FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
             GROUP BY a.kind, a.currency ORDER BY a.currency, a.kind
            """, cancellationToken: ct))).ToList();
    }

    /// <summary>Per currency, what payers paid in (debits to payer funds) and got back (credits).</summary>
    public async Task<IReadOnlyDictionary<string, (long Charges, long Refunds)>> PayerFundsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(string Currency, long Charges, long Refunds)>(new CommandDefinition("""
            SELECT a.currency, coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0)::bigint, coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0)::bigint
              FROM ledger_accounts a JOIN postings p ON p.account_id = a.id
             WHERE a.kind = 'payer_funds' GROUP BY a.currency
            """, cancellationToken: ct));
        return rows.ToDictionary(r => r.Currency, r => (r.Charges, r.Refunds));
    }

    /// <summary>Entries whose postings do not sum to zero (the database refuses them at commit, so this is always empty).</summary>
    public async Task<long> UnbalancedEntriesAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT count(*) FROM (SELECT entry_id FROM postings GROUP BY entry_id HAVING sum(amount) <> 0) unbalanced
            """, cancellationToken: ct));
    }

    public ValueTask DisposeAsync() => _accountsDb.DisposeAsync();
}
