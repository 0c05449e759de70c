-- Payments owns what is owed (dues, learned from other services' events), payment intents and refunds, a
-- double-entry ledger in minor units, wallets (ledger accounts per restaurant and worker), payouts and settlements.

-- What a diner owes, as ordering and reservations announced it; a client never says how much is owed.
CREATE TABLE dues (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('order', 'reservation_deposit')),
    reference_id    uuid        NOT NULL,
    restaurant_id   uuid        NOT NULL,
    payer_id        uuid,
    amount          bigint      CHECK (amount >= 0),            -- null: only a cancellation is known so far
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    state           text        NOT NULL CHECK (state IN ('open', 'cancelled', 'no_show')),
    expires_at      timestamptz,
    refund_percent  integer     CHECK (refund_percent BETWEEN 0 AND 100),
    refund_due      bigint      CHECK (refund_due >= 0),
    no_show_fee     bigint      CHECK (no_show_fee >= 0),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (kind, reference_id)
);

CREATE TABLE payments (
    id                uuid        PRIMARY KEY,                  -- also the provider's orderId
    due_id            uuid        NOT NULL REFERENCES dues (id),
    purpose_kind      text        NOT NULL,
    reference_id      uuid        NOT NULL,
    restaurant_id     uuid        NOT NULL,
    payer_id          uuid,
    created_by        uuid        NOT NULL,
    amount            bigint      NOT NULL CHECK (amount > 0),
    currency          text        NOT NULL,
    method            text        NOT NULL,
    capture_method    text        NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
    status            text        NOT NULL CHECK (status IN ('requires_confirmation', 'authorizing', 'authorized', 'capturing', 'captured', 'failed', 'cancelled')),
    provider          text        NOT NULL,
    provider_key      text,
    card_brand        text,
    card_last4        text        CHECK (card_last4 ~ '^[0-9]{4}$'),
    failure_code      text,
    failure_message   text,
    fee_basis_points  integer     NOT NULL CHECK (fee_basis_points BETWEEN 0 AND 10000),
    refund_reserved   bigint      NOT NULL DEFAULT 0,           -- pending and succeeded refunds
    refunded          bigint      NOT NULL DEFAULT 0,           -- succeeded refunds
    attempted_at      timestamptz,                              -- the last call to the provider (in doubt since)
    authorized_at     timestamptz,
    captured_at       timestamptz,
    failed_at         timestamptz,
    cancelled_at      timestamptz,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           integer     NOT NULL DEFAULT 1,
    CHECK (refunded >= 0 AND refunded <= refund_reserved AND refund_reserved <= amount),
    CHECK (refund_reserved = 0 OR status = 'captured')
);
-- A due is paid at most once: one payment at a time may be under way or captured for it.
CREATE UNIQUE INDEX payments_one_live_per_due ON payments (due_id) WHERE status IN ('authorizing', 'authorized', 'capturing', 'captured');
CREATE INDEX payments_in_doubt ON payments (attempted_at) WHERE status IN ('authorizing', 'capturing');
CREATE INDEX payments_payer ON payments (payer_id, created_at DESC, id DESC);
CREATE INDEX payments_reference ON payments (reference_id);

CREATE TABLE refunds (
    id                  uuid        PRIMARY KEY,                -- also the provider's Idempotency-Key
    payment_id          uuid        NOT NULL REFERENCES payments (id),
    amount              bigint      NOT NULL CHECK (amount > 0),
    reason              text        NOT NULL,
    cause               text        NOT NULL CHECK (cause IN ('requested', 'order_cancelled', 'reservation_cancelled', 'no_show', 'late_capture')),
    requested_by        uuid,
    status              text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    provider_key        text,
    failure_code        text,
    attempts            integer     NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz,
    last_error          text,
    created_at          timestamptz NOT NULL,
    completed_at        timestamptz
);
-- An automatic refund happens once per cause, however often its event arrives.
CREATE UNIQUE INDEX refunds_one_per_cause ON refunds (payment_id, cause) WHERE cause <> 'requested';
CREATE INDEX refunds_due ON refunds (next_attempt_at) WHERE status = 'pending';
CREATE INDEX refunds_payment ON refunds (payment_id);

-- The ledger. A posting's amount is signed: debit positive, credit negative; every journal entry sums to zero.
CREATE TABLE ledger_accounts (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('payer_funds', 'bank_payouts', 'platform_fees', 'tax_withheld', 'receivable', 'wallet', 'hold')),
    owner_kind    text        CHECK (owner_kind IN ('restaurant', 'worker')),
    owner_id      uuid,
    currency      text        NOT NULL,
    normal_side   text        NOT NULL CHECK (normal_side IN ('debit', 'credit')),
    -- Owners' accounts keep their balance (in their normal direction) with every posting so the database checks
    -- overdrafts; the platform's own accounts (touched by every payment) are summed when read, so they are no hot row.
    balance       bigint,
    overdraft     boolean     NOT NULL,
    created_at    timestamptz NOT NULL,
    CHECK ((owner_kind IS NULL) = (owner_id IS NULL)),
    CHECK ((owner_id IS NULL) = (balance IS NULL)),
    CHECK (overdraft OR balance IS NULL OR balance >= 0),
    UNIQUE NULLS NOT DISTINCT (kind, owner_kind, owner_id, currency)
);

CREATE TABLE journal_entries (
    id            uuid        PRIMARY KEY,
    kind          text        NOT NULL CHECK (kind IN ('capture', 'refund', 'shift', 'settlement', 'payout_hold', 'payout', 'payout_release')),
    reference_id  uuid        NOT NULL,
    currency      text        NOT NULL,
    memo          text,
    created_at    timestamptz NOT NULL,
    UNIQUE (kind, reference_id)                                 -- one entry per fact: a retried capture books nothing twice
);

CREATE TABLE postings (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id      uuid        NOT NULL REFERENCES journal_entries (id),
    account_id    uuid        NOT NULL REFERENCES ledger_accounts (id),
    amount        bigint      NOT NULL CHECK (amount <> 0),
    category      text        NOT NULL CHECK (category IN ('funds', 'gross', 'fee', 'refund', 'withholding', 'wage', 'settlement', 'hold', 'payout', 'payout_fee', 'release')),
    created_at    timestamptz NOT NULL
);
CREATE INDEX postings_account ON postings (account_id, id);
CREATE INDEX postings_entry ON postings (entry_id);

-- An owner's account moves with each posting; a posting in another currency than its entry is refused.
CREATE FUNCTION ledger_apply_posting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ledger_accounts a JOIN journal_entries e ON e.id = NEW.entry_id
                    WHERE a.id = NEW.account_id AND a.currency = e.currency) THEN
        RAISE EXCEPTION 'posting to account % is not in the currency of entry %', NEW.account_id, NEW.entry_id
            USING ERRCODE = 'check_violation';
    END IF;
    UPDATE ledger_accounts
       SET balance = balance + CASE normal_side WHEN 'debit' THEN NEW.amount ELSE -NEW.amount END
     WHERE id = NEW.account_id AND balance IS NOT NULL;
    RETURN NEW;
END $$;
CREATE TRIGGER postings_apply AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION ledger_apply_posting();

-- Checked at commit, when every posting of the entry is in: an entry has at least two postings and sums to zero.
CREATE FUNCTION ledger_check_entry(entry uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    total bigint;
    lines integer;
BEGIN
    SELECT coalesce(sum(amount), 0), count(*) INTO total, lines FROM postings WHERE entry_id = entry;
    IF total <> 0 OR lines < 2 THEN
        RAISE EXCEPTION 'journal entry % does not balance: % postings summing to %', entry, lines, total
            USING ERRCODE = 'check_violation';
    END IF;
END $$;
CREATE FUNCTION ledger_posting_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_entry(NEW.entry_id);
    RETURN NULL;
END $$;
CREATE FUNCTION ledger_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_entry(NEW.id);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER postings_balance AFTER INSERT ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balances();
CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balances();

-- The books are append-only: a mistake is corrected by a new entry, never by editing or deleting one.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- Earnings from approved shifts, one row per application (jobs.shift.completed), with the tax withheld.
CREATE TABLE shift_earnings (
    application_id  uuid        PRIMARY KEY,
    job_id          uuid        NOT NULL,
    restaurant_id   uuid        NOT NULL,
    worker_id       uuid        NOT NULL,
    work_date       date        NOT NULL,                       -- Asia/Seoul date of the check-in: the tax day
    gross           bigint      NOT NULL CHECK (gross >= 0),
    fee             bigint      NOT NULL CHECK (fee >= 0),
    withholding     bigint      NOT NULL CHECK (withholding >= 0),
    currency        text        NOT NULL,
    approved_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    CHECK (fee + withholding <= gross)
);
CREATE INDEX shift_earnings_day ON shift_earnings (worker_id, restaurant_id, work_date);

CREATE TABLE payouts (
    id               uuid        PRIMARY KEY,                   -- also the provider's refPayoutId and Idempotency-Key
    owner_kind       text        NOT NULL CHECK (owner_kind IN ('restaurant', 'worker')),
    owner_id         uuid        NOT NULL,
    currency         text        NOT NULL,
    amount           bigint      NOT NULL CHECK (amount > 0),
    fee              bigint      NOT NULL CHECK (fee >= 0),
    bank_code        text        NOT NULL,
    account_number   text        NOT NULL,                      -- needed to send it again; shown masked
    account_holder   text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'completed', 'failed')),
    provider_key     text,
    failure_code     text,
    failure_message  text,
    requested_by     uuid        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz
);
CREATE INDEX payouts_owner ON payouts (owner_kind, owner_id, created_at DESC);
CREATE INDEX payouts_due ON payouts (next_attempt_at) WHERE status = 'pending';

CREATE TABLE settlements (
    id            uuid        PRIMARY KEY,
    payee_kind    text        NOT NULL CHECK (payee_kind IN ('restaurant', 'worker')),
    payee_id      uuid        NOT NULL,
    currency      text        NOT NULL,
    period_start  timestamptz NOT NULL,
    period_end    timestamptz NOT NULL,
    gross         bigint      NOT NULL,
    fees          bigint      NOT NULL,
    refunds       bigint      NOT NULL,
    withholding   bigint      NOT NULL,
    net           bigint      NOT NULL,
    items         integer     NOT NULL CHECK (items > 0),
    entry_id      uuid        REFERENCES journal_entries (id),  -- null when the period nets to zero
    created_at    timestamptz NOT NULL,
    CHECK (period_end >= period_start),
    CHECK (net = gross - fees - refunds - withholding)
);
CREATE INDEX settlements_payee ON settlements (payee_kind, payee_id, period_end DESC, id DESC);

-- Which receivable postings a settlement paid out: each at most once, whichever replica settles.
CREATE TABLE settlement_items (
    posting_id     bigint      PRIMARY KEY REFERENCES postings (id),
    settlement_id  uuid        NOT NULL REFERENCES settlements (id)
);
CREATE INDEX settlement_items_settlement ON settlement_items (settlement_id);

-- Provider notifications already handled (their eventId): a duplicate is acknowledged with no effect.
CREATE TABLE provider_events (
    event_id     text        PRIMARY KEY,
    event_type   text        NOT NULL,
    received_at  timestamptz NOT NULL
);
