-- IoT: kitchen devices, their readings (raw for days, hourly for a year), alarms from rules kept as data,
-- commands with acknowledgement, and the HACCP temperature log.

-- The alarm rule is part of the device (one rule per device): rule_kind above/below/door_open, threshold,
-- held for rule_for_seconds and at least rule_for_readings consecutive readings; it clears once the value is back
-- past threshold by clear_margin (hysteresis, so a value hovering at the threshold does not flap). An unacknowledged
-- alarm escalates after escalate_after_seconds; the device is offline after offline_after_missed reporting intervals.
-- breach_since/breach_count: the current run of readings on the wrong side of the threshold (latest state).
CREATE TABLE devices (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('fridge', 'freezer', 'fryer', 'dishwasher', 'door', 'energy_meter')),
    unit text NOT NULL,
    mqtt_username text NOT NULL UNIQUE,
    reporting_interval_seconds int NOT NULL CHECK (reporting_interval_seconds BETWEEN 1 AND 3600),
    rule_kind text CHECK (rule_kind IN ('above', 'below', 'door_open')),
    rule_threshold double precision,
    rule_for_seconds int NOT NULL DEFAULT 0,
    rule_for_readings int NOT NULL DEFAULT 1,
    rule_clear_margin double precision NOT NULL DEFAULT 0,
    escalate_after_seconds int NOT NULL DEFAULT 900,
    offline_after_missed int NOT NULL DEFAULT 3,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz,
    last_value double precision,
    breach_since timestamptz,
    breach_count int NOT NULL DEFAULT 0,
    dropped_messages bigint NOT NULL DEFAULT 0,
    version int NOT NULL DEFAULT 1
);
CREATE INDEX devices_restaurant ON devices (restaurant_id, name);

-- Raw readings: 4-byte value, kept IoT:RawRetentionDays (the retention job deletes older ones).
CREATE TABLE readings (
    device_id uuid NOT NULL,
    at timestamptz NOT NULL,
    value real NOT NULL,
    PRIMARY KEY (device_id, at)
);

-- Hourly aggregates, updated as readings arrive, kept IoT:HourlyRetentionDays.
CREATE TABLE readings_hourly (
    device_id uuid NOT NULL,
    hour timestamptz NOT NULL,
    n int NOT NULL,
    total double precision NOT NULL,
    min real NOT NULL,
    max real NOT NULL,
    PRIMARY KEY (device_id, hour)
);

-- state: raised → escalated → acknowledged; cleared (by the value returning, or the device coming back) ends any of them.
CREATE TABLE alarms (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    kind text NOT NULL,
    state text NOT NULL CHECK (state IN ('raised', 'escalated', 'acknowledged', 'cleared')),
    value double precision,
    threshold double precision,
    raised_at timestamptz NOT NULL,
    -- When the service noticed (raised_at is the deciding reading's time): their difference is the ingest-to-alarm latency.
    noticed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    escalated_at timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by uuid,
    corrective_action text,
    cleared_at timestamptz
);
-- At most one open alarm of a kind per device: a second raise loses on this index.
CREATE UNIQUE INDEX alarms_one_open ON alarms (device_id, kind) WHERE state <> 'cleared';
CREATE INDEX alarms_restaurant ON alarms (restaurant_id, raised_at DESC);
CREATE INDEX alarms_escalation ON alarms (raised_at) WHERE state = 'raised';

CREATE TABLE commands (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    type text NOT NULL CHECK (type IN ('set_point', 'defrost', 'power_off')),
    value double precision,
    state text NOT NULL CHECK (state IN ('sent', 'acknowledged', 'rejected', 'timed_out')),
    requested_by uuid NOT NULL,
    created_at timestamptz NOT NULL,
    deadline timestamptz NOT NULL,
    answered_at timestamptz,
    message text
);
CREATE INDEX commands_waiting ON commands (deadline) WHERE state = 'sent';

-- The HACCP log: temperature checks (by a person or from an alarm) and corrective actions.
CREATE TABLE haccp_entries (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    device_id uuid,
    alarm_id uuid,
    kind text NOT NULL CHECK (kind IN ('check', 'alarm', 'corrective_action')),
    temperature double precision,
    note text,
    recorded_by uuid,
    at timestamptz NOT NULL
);
CREATE INDEX haccp_restaurant ON haccp_entries (restaurant_id, at);
