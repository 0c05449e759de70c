using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Payments.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

public sealed class SettlementRow
{
    public Guid Id { get; init; }

    public string PayeeKind { get; init; } = "";

    public Guid PayeeId { get; init; }

    public string Currency { get; init; } = "KRW";

    public DateTimeOffset PeriodStart { get; init; }

    public DateTimeOffset PeriodEnd { get; init; }

    public long Gross { get; init; }

    public long Fees { get; init; }

    public long Refunds { get; init; }

    public long Withholding { get; init; }

    public long Net { get; init; }

    public int Items { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A line of a statement: one receivable posting the settlement paid out.</summary>
public sealed record StatementLine(DateTimeOffset At, string EntryKind, Guid ReferenceId, string Category, long Amount, string? Memo);

/// <summary>
/// Settlements: everything a payee earned before the cut-off and not settled yet (their receivable's postings) is
/// summed into a statement and its net moved to their wallet, in one transaction. Each posting is settled at most
/// once (<c>settlement_items</c>' key), and one payee's settlements take turns (their receivable row is locked), so
/// runs on several replicas, or an admin's run during the timer's, never settle anything twice.
/// </summary>
public sealed class SettlementStore(NpgsqlDataSource db, LedgerStore ledger, IOutbox outbox)
{
    private const string Columns = "id, payee_kind, payee_id, currency, period_start, period_end, gross, fees, refunds, withholding, net, items, created_at";

    private static readonly string[] Settleable = ["gross", "fee", "refund", "withholding"];

    /// <summary>Payees (and currencies) with something earned before <paramref name="cutoff"/> not settled yet.</summary>
    public async Task<IReadOnlyList<(Owner Payee, string Currency)>> PayeesAsync(DateTimeOffset cutoff, Owner? only, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(string OwnerKind, Guid OwnerId, string Currency)>(new CommandDefinition("""
            SELECT DISTINCT a.owner_kind, a.owner_id, a.currency
              FROM ledger_accounts a
              JOIN postings p ON p.account_id = a.id
             WHERE a.kind = 'receivable' AND p.created_at < @cutoff AND p.category = ANY(@settleable)
               AND (@onlyKind::text IS NULL OR (a.owner_kind = @onlyKind AND a.owner_id = @onlyId))
               AND NOT EXISTS (SELECT 1 FROM settlement_items s WHERE s.posting_id = p.id)
            """, new { cutoff = cutoff.ToUniversalTime(), settleable = Settleable, onlyKind = only?.Kind, onlyId = only?.Id }, cancellationToken: ct));
        return rows.Select(r => (new Owner(r.OwnerKind, r.OwnerId), r.Currency)).ToList();
    }

    /// <summary>Settles one payee up to <paramref name="cutoff"/>; null when nothing was left to settle.</summary>
    public async Task<SettlementRow?> SettleAsync(Owner payee, string currency, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        cutoff = cutoff.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var receivable = await ledger.AccountIdAsync(Account.Receivable(payee), currency, ct);
        await c.ExecuteAsync(new CommandDefinition("SELECT 1 FROM ledger_accounts WHERE id = @receivable FOR UPDATE", new { receivable }, tx, cancellationToken: ct));
        var items = (await c.QueryAsync<(long Id, long Amount, string Category, DateTimeOffset CreatedAt)>(new CommandDefinition("""
            SELECT p.id, p.amount, p.category, p.created_at FROM postings p
             WHERE p.account_id = @receivable AND p.created_at < @cutoff AND p.category = ANY(@settleable)
               AND NOT EXISTS (SELECT 1 FROM settlement_items s WHERE s.posting_id = p.id)
            """, new { receivable, cutoff, settleable = Settleable }, tx, cancellationToken: ct))).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        var statement = Statement.Of(items.Select(i => (i.Amount, i.Category)));
        var previousEnd = await c.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT max(period_end) FROM settlements WHERE payee_kind = @Kind AND payee_id = @Id AND currency = @currency",
            new { payee.Kind, payee.Id, currency }, tx, cancellationToken: ct));
        var start = previousEnd is { } end && end <= items.Min(i => i.CreatedAt) ? end : items.Min(i => i.CreatedAt);
        var id = Guid.CreateVersion7();
        Guid? entryId = null;
        if (statement.Net != 0)
        {
            await ledger.PostAsync(c, tx, JournalEntry.Settlement(id, payee, statement.Net, currency, $"settlement until {cutoff:O}"), now, ct);
            entryId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT id FROM journal_entries WHERE kind = 'settlement' AND reference_id = @id", new { id }, tx, cancellationToken: ct));
        }

        var row = await c.QuerySingleAsync<SettlementRow>(new CommandDefinition($"""
            INSERT INTO settlements (id, payee_kind, payee_id, currency, period_start, period_end, gross, fees, refunds, withholding, net, items, entry_id, created_at)
            VALUES (@id, @Kind, @PayeeId, @currency, @start, @cutoff, @Gross, @Fees, @Refunds, @Withholding, @Net, @count, @entryId, @now)
            RETURNING {Columns}
            """, new
        {
            id, payee.Kind, PayeeId = payee.Id, currency, start = start.ToUniversalTime(), cutoff, statement.Gross, statement.Fees, statement.Refunds,
            statement.Withholding, statement.Net, count = items.Count, entryId, now,
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO settlement_items (posting_id, settlement_id) SELECT unnest(@postings), @id
            """, new { postings = items.Select(i => i.Id).ToArray(), id }, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, new SettlementCreated(row.Id, row.PayeeKind, row.PayeeId, row.PeriodStart, row.PeriodEnd, row.Gross, row.Fees, row.Refunds,
            row.Withholding, row.Net, row.Currency, now), ct);
        var notice = Notices.Settled(row.Net, row.Currency, row.PayeeKind, row.PayeeId);
        await outbox.AddAsync(c, tx, payee.Kind == Owner.Restaurant ? NoticeRequests.ForRestaurant(notice, payee.Id, now) : NoticeRequests.For(notice, [payee.Id], now), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    public async Task<SettlementRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SettlementRow>(new CommandDefinition($"SELECT {Columns} FROM settlements WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<SettlementRow>> ListAsync(Owner payee, (DateTimeOffset End, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<SettlementRow>(new CommandDefinition($"""
            SELECT {Columns} FROM settlements
             WHERE payee_kind = @Kind AND payee_id = @Id AND (@afterEnd::timestamptz IS NULL OR (period_end, id) < (@afterEnd, @afterId))
             ORDER BY period_end DESC, id DESC LIMIT @take
            """, new { payee.Kind, payee.Id, afterEnd = after?.End.ToUniversalTime(), afterId = after?.Id, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>The postings a settlement paid out, oldest first, with what they were for (natural direction: earned positive).</summary>
    public async Task<IReadOnlyList<StatementLine>> LinesAsync(Guid settlementId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StatementLine>(new CommandDefinition("""
            SELECT p.created_at AS at, e.kind AS entry_kind, e.reference_id, p.category, -p.amount AS amount, e.memo
              FROM settlement_items s JOIN postings p ON p.id = s.posting_id JOIN journal_entries e ON e.id = p.entry_id
             WHERE s.settlement_id = @settlementId ORDER BY p.id
            """, new { settlementId }, cancellationToken: ct))).ToList();
    }
}
