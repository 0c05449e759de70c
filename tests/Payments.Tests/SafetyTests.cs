using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Tests;

/// <summary>
/// The rules that keep money safe whatever the caller does: a retried POST has one effect, card numbers are never kept,
/// bad input is refused before anything is written, and the database itself refuses unbalanced or overdrawn books.
/// </summary>
public sealed class SafetyTests(PaymentsFactory factory) : PaymentsTest(factory), IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task Five_concurrent_replays_of_a_payment_with_one_key_charge_once_and_a_later_replay_gets_the_first_answer()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 17_000);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Factory.PayAsync(shop.Diner, orderId, 17_000, key: key)));

        // Each is either the one payment (201, or 202 when the provider is slow to answer; perhaps replayed) or "still in
        // progress" (409 from the key, not from the order).
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted || r.StatusCode == HttpStatusCode.Conflict);
        var answered = responses.Where(r => r.StatusCode != HttpStatusCode.Conflict).ToList();
        answered.ShouldNotBeEmpty();
        var ids = new HashSet<Guid>();
        foreach (var r in answered)
        {
            ids.Add((await r.ShouldBeAsync(r.StatusCode)).GetProperty("id").GetGuid());
        }

        var id = ids.ShouldHaveSingleItem();
        await PaymentsFactory.EventuallyAsync(async () => await Factory.PaymentStatusAsync(id) == "captured", "the payment to be captured");
        (await Factory.CountAsync("SELECT count(*) FROM payments p JOIN dues d ON d.id = p.due_id WHERE d.reference_id = @orderId", new { orderId })).ShouldBe(1);
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE kind = 'capture' AND reference_id = @id", new { id })).ShouldBe(1);

        // Once done, the same key answers the same payment (not "already paid"): the caller that lost the answer learns it was charged.
        var replay = await Factory.PayAsync(shop.Diner, orderId, 17_000, key: key);
        replay.Headers.TryGetValues("Idempotent-Replayed", out var replayed).ShouldBeTrue();
        replayed.ShouldBe(["true"]);
        (await replay.ShouldBeAsync(answered[0].StatusCode)).GetProperty("id").GetGuid().ShouldBe(id);
        (await Factory.EventsAsync("payments.payment.completed", id)).Count.ShouldBe(1);

        // The same key with another body is a mistake, refused without an effect.
        var other = await Factory.OrderAsync(shop, 9_000);
        (await Factory.PayAsync(shop.Diner, other, 9_000, key: key)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Factory.CountAsync("SELECT count(*) FROM payments p JOIN dues d ON d.id = p.due_id WHERE d.reference_id = @other", new { other })).ShouldBe(0);
    }

    [Fact]
    public async Task Five_concurrent_replays_of_a_refund_with_one_key_refund_once()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 10_000);
        var id = (await Factory.PaidAsync(shop.Diner, orderId, 10_000)).GetProperty("id").GetGuid();
        var key = Guid.NewGuid().ToString();

        using var client = Factory.ClientFor(shop.Owner);
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            client.SendAsync(PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 3_000, reason = "cold soup" }, key))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted || r.StatusCode == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode != HttpStatusCode.Conflict).ShouldBeGreaterThan(0);
        (await Factory.CountAsync("SELECT count(*) FROM refunds WHERE payment_id = @id", new { id })).ShouldBe(1);
        await PaymentsFactory.EventuallyAsync(async () => (await Factory.GetAsync(shop.Diner, $"/api/payments/{id}")).GetProperty("refunded").GetInt64() == 3_000, "the refund to succeed");

        var replay = await client.SendAsync(PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 3_000, reason = "cold soup" }, key));
        replay.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.Accepted);
        replay.Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        (await Factory.CountAsync("SELECT count(*) FROM refunds WHERE payment_id = @id", new { id })).ShouldBe(1);
        Factory.Sandbox.Book.Find(null, id.ToString()).Body.ShouldBeOfType<Brigade.Sandbox.PaymentProvider.PaymentView>().BalanceAmount.ShouldBe(7_000);
    }

    [Fact]
    public async Task Five_concurrent_replays_of_a_withdrawal_with_one_key_pay_out_once()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 100_000);
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        var body = new { amount = 20_000, bankCode = "088", accountNumber = "110123456789", accountHolder = "김민준" };

        using var client = Factory.ClientFor(worker);
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(PaymentsFactory.Post("/api/payments/withdraw", body, key))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Accepted || r.StatusCode == HttpStatusCode.Conflict);
        (await Factory.CountAsync("SELECT count(*) FROM payouts WHERE owner_id = @Id", new { worker.Id })).ShouldBe(1);
        var wallet = await Factory.GetAsync(worker, "/api/wallets/mine");
        // Taken from what is available once, whether the bank has answered yet (held) or not.
        wallet.GetProperty("available").GetInt64().ShouldBe(95_000 - 20_000 - PaymentsFactory.PayoutFee);
    }

    [Fact]
    public async Task A_card_number_is_never_stored_or_logged_whether_approved_declined_or_confirmed_later()
    {
        var shop = PaymentsFactory.NewShop();
        var approved = PaymentsFactory.UniqueCard();
        var confirmed = PaymentsFactory.UniqueCard();
        while (confirmed == approved)
        {
            confirmed = PaymentsFactory.UniqueCard();
        }

        var paidOrder = await Factory.OrderAsync(shop, 12_000);
        await Factory.PaidAsync(shop.Diner, paidOrder, 12_000, Spaced(approved));

        var laterOrder = await Factory.OrderAsync(shop, 6_000);
        var created = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/create", new { orderId = laterOrder, amount = 6_000 }), HttpStatusCode.Created);
        using (var client = Factory.ClientFor(shop.Diner))
        {
            var confirm = await client.SendAsync(PaymentsFactory.Post("/api/payments/confirm", new { paymentId = created.GetProperty("id").GetGuid(), cardDetails = PaymentsFactory.Card(confirmed) }));
            confirm.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Accepted);
        }

        // A number the checks refuse (wrong Luhn digit) must not be echoed back or logged either.
        var wrong = approved[..^1] + (char)('0' + ((approved[^1] - '0' + 1) % 10));
        var refused = await (await Factory.PayAsync(shop.Diner, await Factory.OrderAsync(shop, 1_000), 1_000, wrong)).ShouldBeAsync(HttpStatusCode.BadRequest);
        refused.ToString().ShouldNotContain(wrong);

        foreach (var number in new[] { approved, confirmed, wrong })
        {
            (await RowsContainingAsync(number)).ShouldBeEmpty($"card number {number} found in the database");
            (await RowsContainingAsync(Spaced(number))).ShouldBeEmpty();
            Factory.Logs.Lines.Where(l => l.Contains(number, StringComparison.Ordinal) || l.Contains(Spaced(number), StringComparison.Ordinal))
                .ShouldBeEmpty($"card number {number} found in the logs");
        }

        (await RowsContainingAsync("\"cvv\"")).ShouldBeEmpty();
        (await Factory.CountAsync("SELECT count(*) FROM payments p JOIN dues d ON d.id = p.due_id WHERE d.reference_id = @paidOrder AND p.card_last4 = @last4",
            new { paidOrder, last4 = approved[^4..] })).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":"lots","paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"123"}}""", "amount")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,"paymentMethod":"credit_card"}""", "cardDetails")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111112","expiry":"12/30","cvv":"123"}}""", "cardDetails.number")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"01/20","cvv":"123"}}""", "cardDetails.expiry")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"1"}}""", "cardDetails.cvv")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":900000000000000000,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"123"}}""", "amount")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":-5,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"123"}}""", "amount")]
    [InlineData("""{"amount":12000,"paymentMethod":"credit_card","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"123"}}""", "orderId")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,"paymentMethod":"bitcoin","cardDetails":{"number":"4111111111111111","expiry":"12/30","cvv":"123"}}""", "paymentMethod")]
    [InlineData("""{"orderId":"00000000-0000-0000-0000-000000000001","amount":12000,""", null)]
    public async Task Bad_input_to_pay_is_a_precise_400_and_writes_nothing(string json, string? field)
    {
        var before = await Factory.CountAsync("SELECT count(*) FROM payments");
        using var client = Factory.ClientFor(Actor.Diner());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var response = await client.SendAsync(request);

        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        if (field is not null)
        {
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"expected an error on {field}: {problem}");
        }

        (await Factory.CountAsync("SELECT count(*) FROM payments")).ShouldBe(before);
    }

    [Fact]
    public async Task A_money_post_without_an_idempotency_key_is_refused()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 3_000);
        using var client = Factory.ClientFor(shop.Diner);
        var response = await client.PostAsJsonAsync("/api/payments",
            new { orderId, amount = 3_000, paymentMethod = "credit_card", cardDetails = PaymentsFactory.Card() });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Factory.CountAsync("SELECT count(*) FROM payments p JOIN dues d ON d.id = p.due_id WHERE d.reference_id = @orderId", new { orderId })).ShouldBe(0);
    }

    [Fact]
    public async Task The_database_refuses_a_journal_entry_that_does_not_sum_to_zero()
    {
        await using var c = await Factory.Db.OpenConnectionAsync();
        var (from, to) = await TwoPlatformAccountsAsync(c);
        var entry = Guid.CreateVersion7();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO journal_entries (id, kind, reference_id, currency, created_at) VALUES (@entry, 'capture', @entry, 'KRW', now())", new { entry }, tx);
        await c.ExecuteAsync("INSERT INTO postings (entry_id, account_id, amount, category, created_at) VALUES (@entry, @from, 1000, 'funds', now()), (@entry, @to, -999, 'gross', now())",
            new { entry, from, to }, tx);

        var refused = await Should.ThrowAsync<PostgresException>(() => tx.CommitAsync());
        refused.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE id = @entry", new { entry })).ShouldBe(0);
    }

    [Fact]
    public async Task The_database_refuses_a_journal_entry_without_a_counterpart()
    {
        await using var c = await Factory.Db.OpenConnectionAsync();
        var (from, _) = await TwoPlatformAccountsAsync(c);
        var entry = Guid.CreateVersion7();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO journal_entries (id, kind, reference_id, currency, created_at) VALUES (@entry, 'capture', @entry, 'KRW', now())", new { entry }, tx);

        await c.ExecuteAsync("INSERT INTO postings (entry_id, account_id, amount, category, created_at) VALUES (@entry, @from, 1000, 'funds', now())", new { entry, from }, tx);

        (await Should.ThrowAsync<PostgresException>(() => tx.CommitAsync())).SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }

    [Fact]
    public async Task The_database_refuses_a_posting_that_would_overdraw_a_wallet()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 50_000);
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);
        await using var c = await Factory.Db.OpenConnectionAsync();
        var wallet = await c.ExecuteScalarAsync<Guid>("SELECT id FROM ledger_accounts WHERE kind = 'wallet' AND owner_id = @Id", new { worker.Id });
        var balance = await c.ExecuteScalarAsync<long>("SELECT balance FROM ledger_accounts WHERE id = @wallet", new { wallet });
        balance.ShouldBe(47_500);
        var (bank, _) = await TwoPlatformAccountsAsync(c);
        var entry = Guid.CreateVersion7();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO journal_entries (id, kind, reference_id, currency, created_at) VALUES (@entry, 'payout', @entry, 'KRW', now())", new { entry }, tx);

        // A wallet is a credit account: a debit one won more than it holds takes it below zero.
        var refused = await Should.ThrowAsync<PostgresException>(() => c.ExecuteAsync(
            "INSERT INTO postings (entry_id, account_id, amount, category, created_at) VALUES (@entry, @wallet, @debit, 'payout', now()), (@entry, @bank, @credit, 'payout', now())",
            new { entry, wallet, bank, debit = balance + 1, credit = -(balance + 1) }, tx));
        refused.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }

    private static string Spaced(string number) => string.Join(' ', number.Chunk(4).Select(c => new string(c)));

    /// <summary>Every row of every table in the service's database whose text (or, for byte columns, bytes) contains <paramref name="needle"/>.</summary>
    private async Task<List<string>> RowsContainingAsync(string needle)
    {
        await using var c = await Factory.Db.OpenConnectionAsync();
        var tables = (await c.QueryAsync<string>("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
            """)).ToList();
        tables.ShouldContain("public.payments");
        var found = new List<string>();
        foreach (var table in tables)
        {
            var rows = await c.QueryAsync<string>($"SELECT t::text FROM {table} t WHERE position(@needle in t::text) > 0", new { needle });
            found.AddRange(rows.Select(r => $"{table}: {r}"));
        }

        // Byte columns (stored responses, message bodies) print as hex above: search their bytes too.
        var byteColumns = await c.QueryAsync<(string Table, string Column)>("""
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name), quote_ident(column_name) FROM information_schema.columns
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND data_type = 'bytea'
            """);
        foreach (var (table, column) in byteColumns)
        {
            var hits = await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE position(convert_to(@needle, 'UTF8') in {column}) > 0", new { needle });
            if (hits > 0)
            {
                found.Add($"{table}.{column}: {hits} rows");
            }
        }

        return found;
    }

    /// <summary>Two platform accounts (no owner, so no balance kept) in KRW to write raw postings to; a payment creates them.</summary>
    private async Task<(Guid From, Guid To)> TwoPlatformAccountsAsync(NpgsqlConnection c)
    {
        var shop = PaymentsFactory.NewShop();
        await Factory.PaidAsync(shop.Diner, await Factory.OrderAsync(shop, 1_000), 1_000);
        var ids = (await c.QueryAsync<Guid>("SELECT id FROM ledger_accounts WHERE owner_id IS NULL AND currency = 'KRW' ORDER BY kind LIMIT 2")).ToList();
        ids.Count.ShouldBe(2);
        return (ids[0], ids[1]);
    }
}
