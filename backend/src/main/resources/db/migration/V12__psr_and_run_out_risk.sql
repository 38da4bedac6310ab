-- Priority Services Register entries and self-disconnection risk (issue 17, docs/forecast.md, docs/backend-api.md).

-- One PSR entry per customer account, written by the psr feature only. needs holds PsrNeed codes (a JSON array).
CREATE TABLE psr_entry (
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    needs               jsonb NOT NULL CHECK (jsonb_typeof(needs) = 'array'),
    consent             boolean NOT NULL,
    consent_at          timestamptz,
    review_date         date NOT NULL,
    nominee             text CHECK (nominee IS NULL OR length(nominee) <= 200),
    note                text CHECK (note IS NULL OR length(note) <= 500),
    updated_by          uuid NOT NULL REFERENCES app_user (id),
    updated_at          timestamptz NOT NULL,
    version             bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (supplier_id, customer_account_id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    CHECK (consent OR consent_at IS NULL)
);

-- What the risk feature hears and does: a customer's "I have no supply", and an agent's contact with its outcome
-- (a support-credit contact names the code it asked for, made through the ordinary issuing path).
CREATE TABLE risk_event (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    device_id           uuid,
    kind                text NOT NULL CHECK (kind IN ('NO_SUPPLY_REPORTED', 'CONTACT')),
    action              text CHECK (action IN ('FRIENDLY_CREDIT_OFFERED', 'EMERGENCY_CREDIT_GUIDANCE',
                                               'SUPPORT_CREDIT', 'CALL', 'VOICEMAIL', 'TEXT')),
    outcome             text CHECK (outcome IN ('REACHED', 'NOT_REACHED', 'DECLINED', 'SUPPORTED')),
    code_id             uuid REFERENCES code (id),
    note                text CHECK (note IS NULL OR length(note) <= 500),
    by_user             uuid REFERENCES app_user (id),
    at                  timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id),
    CHECK ((kind = 'CONTACT') = (action IS NOT NULL AND outcome IS NOT NULL AND by_user IS NOT NULL)),
    CHECK (code_id IS NULL OR action = 'SUPPORT_CREDIT')
);
CREATE INDEX risk_event_by_customer ON risk_event (supplier_id, customer_account_id, at DESC);
CREATE INDEX risk_event_by_month ON risk_event (supplier_id, at);

-- Each day's at-risk list as it was computed: what the monthly figures count as "detected".
CREATE TABLE risk_detection (
    supplier_id         uuid NOT NULL,
    day                 date NOT NULL,
    device_id           uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    psr                 boolean NOT NULL,
    signals             jsonb NOT NULL,
    PRIMARY KEY (supplier_id, day, device_id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id)
);

-- Winter protections proposed for PSR customers by the supplier's policy; a supervisor other than the proposer
-- approves each before any code is asked for.
CREATE TABLE protection_proposal (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    device_id           uuid NOT NULL,
    command             text NOT NULL,
    parameters          jsonb NOT NULL,
    reason              text NOT NULL,
    status              text NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED')),
    proposed_by         uuid NOT NULL REFERENCES app_user (id),
    proposed_at         timestamptz NOT NULL,
    decided_by          uuid REFERENCES app_user (id),
    decided_at          timestamptz,
    code_id             uuid REFERENCES code (id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id),
    CHECK (decided_by IS NULL OR decided_by <> proposed_by),
    CHECK ((status = 'PROPOSED') = (decided_by IS NULL))
);
CREATE UNIQUE INDEX protection_proposal_open ON protection_proposal (supplier_id, device_id, command,
    (parameters ->> 'slot')) WHERE status = 'PROPOSED';
CREATE UNIQUE INDEX risk_event_code ON risk_event (code_id) WHERE code_id IS NOT NULL;
