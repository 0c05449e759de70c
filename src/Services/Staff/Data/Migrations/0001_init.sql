-- Staff: employees per restaurant, the weekly schedule with its labour budget, the time clock with its audit trail,
-- and payroll. Money is bigint won; instants timestamptz; restaurant-local dates are date.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE settings (
    restaurant_id       uuid PRIMARY KEY,
    -- 상시 5인 미만 사업장: the premiums of 근로기준법 제56조 do not apply (제11조). Declared by the owner.
    small_workplace     boolean NOT NULL DEFAULT false,
    time_zone           text NOT NULL DEFAULT 'Asia/Seoul',
    early_clock_in_minutes int NOT NULL DEFAULT 15 CHECK (early_clock_in_minutes BETWEEN 0 AND 240),
    grace_minutes       int NOT NULL DEFAULT 5 CHECK (grace_minutes BETWEEN 0 AND 60),
    minimum_rest_hours  int NOT NULL DEFAULT 11 CHECK (minimum_rest_hours BETWEEN 0 AND 24),
    updated_at          timestamptz NOT NULL,
    version             int NOT NULL DEFAULT 1
);

CREATE TABLE employees (
    id                  uuid PRIMARY KEY,
    restaurant_id       uuid NOT NULL,
    user_id             uuid,
    name                text NOT NULL,
    position            text NOT NULL,
    employment_type     text NOT NULL CHECK (employment_type IN ('full_time','part_time','day_worker')),
    pay_kind            text NOT NULL CHECK (pay_kind IN ('hourly','monthly')),
    pay_rate            bigint NOT NULL CHECK (pay_rate > 0),
    currency            text NOT NULL,
    -- 소정근로시간: the contracted minutes a week (주휴수당 from 15 hours).
    weekly_minutes      int NOT NULL CHECK (weekly_minutes BETWEEN 0 AND 3120),
    contract_start      date NOT NULL,
    contract_end        date CHECK (contract_end IS NULL OR contract_end >= contract_start),
    health_certificate_expires_on date,
    status              text NOT NULL CHECK (status IN ('active','ended')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             int NOT NULL DEFAULT 1
);
-- One employee record per person and restaurant: the clock finds the caller's record by their account.
CREATE UNIQUE INDEX employees_user ON employees (restaurant_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX employees_restaurant ON employees (restaurant_id, name);

CREATE TABLE shifts (
    id              uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    employee_id     uuid NOT NULL REFERENCES employees (id),
    position        text NOT NULL,
    work_date       date NOT NULL,
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL CHECK (ends_at > starts_at),
    break_minutes   int NOT NULL CHECK (break_minutes >= 0),
    status          text NOT NULL CHECK (status IN ('draft','published')),
    published_at    timestamptz,
    created_at      timestamptz NOT NULL,
    version         int NOT NULL DEFAULT 1,
    -- Nobody is planned in two places at once, whichever request (or swap) raced.
    CONSTRAINT shifts_no_overlap EXCLUDE USING gist (employee_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
);
CREATE INDEX shifts_restaurant_day ON shifts (restaurant_id, work_date);
CREATE INDEX shifts_employee ON shifts (employee_id, starts_at);

CREATE TABLE swap_requests (
    id               uuid PRIMARY KEY,
    restaurant_id    uuid NOT NULL,
    shift_id         uuid NOT NULL REFERENCES shifts (id),
    from_employee_id uuid NOT NULL REFERENCES employees (id),
    to_employee_id   uuid NOT NULL REFERENCES employees (id),
    status           text NOT NULL CHECK (status IN ('pending','approved','declined')),
    requested_at     timestamptz NOT NULL,
    decided_at       timestamptz,
    decided_by       uuid
);
-- One open request per shift.
CREATE UNIQUE INDEX swap_requests_pending ON swap_requests (shift_id) WHERE status = 'pending';

-- A manual daily sales forecast (until the forecasting service provides one) the labour % is measured against.
CREATE TABLE budgets (
    restaurant_id   uuid NOT NULL,
    day             date NOT NULL,
    forecast_sales  bigint NOT NULL CHECK (forecast_sales >= 0),
    target_percent  numeric(5,1) CHECK (target_percent BETWEEN 0 AND 100),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, day)
);

CREATE TABLE timecards (
    id              uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    employee_id     uuid NOT NULL REFERENCES employees (id),
    shift_id        uuid REFERENCES shifts (id),
    work_date       date NOT NULL,
    -- When the time is paid from (the scheduled start when clocked in early inside the window) and the punch itself.
    clock_in        timestamptz NOT NULL,
    clock_out       timestamptz CHECK (clock_out IS NULL OR clock_out >= clock_in),
    punched_in_at   timestamptz,
    late            boolean NOT NULL DEFAULT false,
    source          text NOT NULL CHECK (source IN ('clock','manager','jobs')),
    status          text NOT NULL CHECK (status IN ('open','pending','approved')),
    minutes         int,
    cost            bigint,
    approved_at     timestamptz,
    approved_by     uuid,
    -- The jobs application a one-day worker's hours came from (their redelivered event changes nothing).
    external_id     uuid UNIQUE,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         int NOT NULL DEFAULT 1,
    CHECK ((status = 'open') = (clock_out IS NULL))
);
-- One running timecard per employee: two clock-ins at once leave one.
CREATE UNIQUE INDEX timecards_open ON timecards (employee_id) WHERE clock_out IS NULL;
CREATE INDEX timecards_restaurant_day ON timecards (restaurant_id, work_date);
CREATE INDEX timecards_employee_day ON timecards (employee_id, work_date);

CREATE TABLE breaks (
    id           uuid PRIMARY KEY,
    timecard_id  uuid NOT NULL REFERENCES timecards (id) ON DELETE CASCADE,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE UNIQUE INDEX breaks_open ON breaks (timecard_id) WHERE ends_at IS NULL;
CREATE INDEX breaks_timecard ON breaks (timecard_id);

-- Every change a manager makes to worked time, with the reason: what it was, what it became, who, when.
CREATE TABLE timecard_audit (
    id           uuid PRIMARY KEY,
    timecard_id  uuid NOT NULL REFERENCES timecards (id),
    restaurant_id uuid NOT NULL,
    action       text NOT NULL,
    reason       text,
    before       jsonb,
    after        jsonb,
    by_user      uuid NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX timecard_audit_card ON timecard_audit (timecard_id, at);

CREATE TABLE payrolls (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    month         text NOT NULL,
    period_start  date NOT NULL,
    period_end    date NOT NULL,
    status        text NOT NULL CHECK (status IN ('draft','closed')),
    employees     int NOT NULL,
    gross         bigint NOT NULL,
    currency      text NOT NULL,
    small_workplace boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    closed_at     timestamptz,
    closed_by     uuid,
    version       int NOT NULL DEFAULT 1,
    UNIQUE (restaurant_id, month)
);

CREATE TABLE payslips (
    payroll_id     uuid NOT NULL REFERENCES payrolls (id) ON DELETE CASCADE,
    employee_id    uuid NOT NULL REFERENCES employees (id),
    employee_name  text NOT NULL,
    pay_kind       text NOT NULL,
    lines          jsonb NOT NULL,
    gross          bigint NOT NULL,
    below_minimum  boolean NOT NULL,
    PRIMARY KEY (payroll_id, employee_id)
);
