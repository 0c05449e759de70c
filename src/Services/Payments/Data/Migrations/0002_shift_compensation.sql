-- A late cancellation by the restaurant pays the worker the compensation jobs computed: its own entry kind, so the
-- history tells it from a worked shift, still one entry per application.
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_kind_check;
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_kind_check
    CHECK (kind IN ('capture', 'refund', 'shift', 'shift_compensation', 'settlement', 'payout_hold', 'payout', 'payout_release'));
