-- Voice calls (issue 14): calls the escalation ladder makes to read a code out, calls customers make to the
-- inbound number, and the PINs that let a caller hear their codes. Written by the voice feature only.

-- One call. An outbound row is written in the ladder's VOICE step transaction (PENDING); a sender claims it
-- (REQUESTING, with a lease, committed before Twilio is asked), then Twilio's answer and its status callbacks
-- move it on, in Twilio's words (queued ... completed, busy, no-answer, failed, canceled). A request whose
-- answer was lost is IN_DOUBT and is never made again: the customer is never rung twice for one code. DEMO rows
-- are the embedded demo's: the script that would have been said, never dialled. An inbound row is written once
-- the caller keyed the right PIN.
CREATE TABLE voice_call (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    direction           text NOT NULL CHECK (direction IN ('OUT', 'IN')),
    code_id             uuid,
    campaign_id         uuid,
    phone               text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    language            text NOT NULL CHECK (language IN ('en', 'cy')),
    state               text NOT NULL CHECK (state IN ('pending', 'requesting', 'in-doubt', 'demo', 'queued',
                                                       'initiated', 'ringing', 'in-progress', 'completed', 'busy',
                                                       'no-answer', 'failed', 'canceled')),
    script              text NOT NULL,
    call_sid            text CHECK (call_sid ~ '^CA[0-9a-f]{32}$'),
    attempts            int NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    lease_until         timestamptz,
    last_error          text,
    -- The caller pressed 2: the code (the one at position, inbound) was recorded as entered.
    confirmed_at        timestamptz,
    -- Inbound: the waiting codes read to the caller, and which one is being read.
    code_ids            uuid[],
    position            int NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
-- The ladder's VOICE step happens once per code; this makes a second outbound call for a code impossible.
CREATE UNIQUE INDEX voice_call_once_per_code ON voice_call (code_id) WHERE direction = 'OUT';
CREATE UNIQUE INDEX voice_call_by_sid ON voice_call (call_sid) WHERE call_sid IS NOT NULL;
CREATE INDEX voice_call_due ON voice_call (next_attempt_at) WHERE state = 'pending';
CREATE INDEX voice_call_leased ON voice_call (lease_until) WHERE state = 'requesting';
CREATE INDEX voice_call_by_customer ON voice_call (supplier_id, customer_account_id, created_at);

-- A customer's PIN for the inbound line, chosen in the app or set by an agent: PBKDF2-HMAC-SHA256 with its own
-- salt, never the PIN. Five wrong PINs in a row lock it until it is set again.
CREATE TABLE voice_pin (
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    salt                bytea NOT NULL,
    hash                bytea NOT NULL,
    iterations          int NOT NULL,
    set_by              text NOT NULL CHECK (set_by IN ('CUSTOMER', 'AGENT')),
    set_at              timestamptz NOT NULL,
    failures            int NOT NULL DEFAULT 0,
    locked_at           timestamptz,
    PRIMARY KEY (supplier_id, customer_account_id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);

-- The inbound line recognises callers by the number they ring from: their mobile or their landline.
CREATE INDEX reach_contact_by_landline ON reach_contact (landline) WHERE landline IS NOT NULL;
