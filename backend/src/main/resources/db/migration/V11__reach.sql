-- Reaching customers beside the app (issue 14): each customer's contact points and needs, and every text
-- message sent to or received from them over SMPP. These tables are written by the reach feature only.

-- How to reach a customer: numbers in E.164, the language of messages, the channels they agreed to, and needs
-- that change how to reach them. One row per customer; none means "app only, English".
CREATE TABLE reach_contact (
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    mobile              text CHECK (mobile ~ '^\+[1-9][0-9]{7,14}$'),
    landline            text CHECK (landline ~ '^\+[1-9][0-9]{7,14}$'),
    language            text NOT NULL CHECK (language IN ('en', 'cy')),
    channels            text[] NOT NULL,
    needs               text[] NOT NULL,
    nominee_name        text CHECK (length(nominee_name) <= 100),
    nominee_phone       text CHECK (nominee_phone ~ '^\+[1-9][0-9]{7,14}$'),
    -- The customer texted STOP from this mobile: no more texts until an agent turns them on again.
    sms_stopped_at      timestamptz,
    version             int NOT NULL,
    updated_by          uuid NOT NULL REFERENCES app_user (id),
    updated_at          timestamptz NOT NULL,
    PRIMARY KEY (supplier_id, customer_account_id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    CHECK (('NOMINEE' = ANY (needs)) = (nominee_phone IS NOT NULL))
);
-- Replies are matched to customers by the number they come from.
CREATE INDEX reach_contact_by_mobile ON reach_contact (mobile) WHERE mobile IS NOT NULL;

-- One text message to one number (submit_sm), or one received from a customer (deliver_sm). Outbound rows are
-- PENDING until a sender claims them (FOR UPDATE SKIP LOCKED) and marks them SUBMITTING with a lease, committed
-- before anything is sent; the SMSC's message id, then its delivery receipt, move them on. A SUBMITTING row
-- whose lease ran out may or may not have reached the SMSC: it becomes IN_DOUBT and is never sent again.
CREATE TABLE sms_message (
    id                  bigserial PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid,
    direction           text NOT NULL CHECK (direction IN ('OUT', 'IN')),
    phone               text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    kind                text NOT NULL,
    code_id             uuid,
    campaign_id         uuid,
    body                text NOT NULL CHECK (length(body) <= 160),
    encoding            text CHECK (encoding IN ('GSM7', 'UCS2')),
    state               text NOT NULL CHECK (state IN ('PENDING', 'SUBMITTING', 'SUBMITTED', 'DELIVERED',
                                                       'FAILED', 'EXPIRED', 'IN_DOUBT', 'RECEIVED')),
    attempts            int NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL,
    lease_until         timestamptz,
    smsc_id             text,
    last_error          text,
    submitted_at        timestamptz,
    done_at             timestamptz,
    expires_at          timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX sms_message_due ON sms_message (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX sms_message_leased ON sms_message (lease_until) WHERE state = 'SUBMITTING';
CREATE UNIQUE INDEX sms_message_by_smsc_id ON sms_message (smsc_id) WHERE smsc_id IS NOT NULL;
CREATE INDEX sms_message_by_code ON sms_message (code_id) WHERE code_id IS NOT NULL;
CREATE INDEX sms_message_by_customer ON sms_message (supplier_id, customer_account_id, id);

-- The call centre's list from the reach feature: customers who asked for a call back (HELP), and customers the
-- escalation ladder could not reach, with what was tried. Open until an agent closes it.
CREATE TABLE reach_task (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('CALL_BACK', 'UNREACHED')),
    code_id             uuid,
    campaign_id         uuid,
    detail              text NOT NULL,
    created_at          timestamptz NOT NULL,
    closed_at           timestamptz,
    closed_by           uuid REFERENCES app_user (id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX reach_task_open ON reach_task (supplier_id, created_at) WHERE closed_at IS NULL;
-- One UNREACHED task per code: the ladder's last step may run again after a crash.
CREATE UNIQUE INDEX reach_task_unreached_once ON reach_task (code_id) WHERE kind = 'UNREACHED';

-- The escalation ladder: for every message that carries a code, the steps after the app (a text, a voice call,
-- the call centre's list). A step is due at due_at; a worker claims due steps (FOR UPDATE SKIP LOCKED) and, in
-- the same transaction, takes the step (queues the text, adds the task), writes the next step and marks this one
-- TAKEN, or STOPPED when the customer has confirmed entry or the channel has done its job. The primary key makes
-- each step happen once per code; a crash rolls the whole step back.
CREATE TABLE reach_step (
    code_id             uuid NOT NULL,
    step                text NOT NULL CHECK (step IN ('TEXT', 'VOICE', 'CALL_CENTRE')),
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    campaign_id         uuid,
    state               text NOT NULL CHECK (state IN ('WAITING', 'TAKEN', 'STOPPED')),
    due_at              timestamptz NOT NULL,
    done_at             timestamptz,
    outcome             text,
    PRIMARY KEY (code_id, step),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX reach_step_due ON reach_step (due_at) WHERE state = 'WAITING';
CREATE INDEX reach_step_by_campaign ON reach_step (campaign_id) WHERE campaign_id IS NOT NULL;
