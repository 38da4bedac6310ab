-- Delivery to customers' phones and campaigns (issue 5): app activations, phones' push tokens, the outbox of
-- messages (written in the same transaction as what they announce) and each message's delivery to each phone,
-- notices, campaigns and their per-meter targets, and meters' wrapped shared secrets. Every row carries
-- supplier_id, as in V1.

-- One-time codes that link the customer's app to their account; only a hash of the digits is kept.
CREATE TABLE activation_code (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    code_hash           bytea NOT NULL UNIQUE,
    created_by          uuid NOT NULL REFERENCES app_user (id),
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz,
    used_by_app         uuid,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);

-- One installation of the app, linked to an account by an activation: the subject of its session token.
CREATE TABLE app_install (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    device_name         text NOT NULL,
    platform            text NOT NULL,
    activated_at        timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);

-- A phone's FCM registration token. An installation has at most one live token: registering again retires the
-- old one. A token FCM reports UNREGISTERED or INVALID_ARGUMENT is retired with the reason.
CREATE TABLE push_device (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    installation        uuid NOT NULL,
    token               text NOT NULL CHECK (length(token) BETWEEN 1 AND 4096),
    platform            text NOT NULL,
    name                text,
    registered_at       timestamptz NOT NULL,
    retired_at          timestamptz,
    retired_reason      text,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    UNIQUE (supplier_id, id)
);
CREATE UNIQUE INDEX push_device_live_token ON push_device (token) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX push_device_live_install ON push_device (supplier_id, customer_account_id, installation)
    WHERE retired_at IS NULL;
CREATE INDEX push_device_by_customer ON push_device (supplier_id, customer_account_id) WHERE retired_at IS NULL;

-- What the customer is told: a released code, a notice, or a code's new status. Written in the same transaction
-- as the code or notice. It feeds the live stream (by id, per customer) and, through push_delivery, FCM.
CREATE TABLE outbox_message (
    id                  bigserial PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    kind                text NOT NULL CHECK (kind IN ('code', 'notice', 'status')),
    subject_id          uuid NOT NULL,
    status              text,
    envelope            text,
    title               text NOT NULL,
    body                text NOT NULL,
    high_priority       boolean NOT NULL,
    campaign_id         uuid,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX outbox_by_customer ON outbox_message (supplier_id, customer_account_id, id);
CREATE INDEX outbox_by_subject ON outbox_message (subject_id);
CREATE INDEX outbox_by_campaign ON outbox_message (campaign_id) WHERE campaign_id IS NOT NULL;

-- One message to one phone through FCM. PENDING rows are due at next_attempt_at; a dispatcher claims a batch
-- (FOR UPDATE SKIP LOCKED) and marks it SENDING with a lease, committed before anything is sent. A SENDING row
-- whose lease ran out (its dispatcher stopped mid-send) becomes IN_DOUBT and is never sent again automatically.
CREATE TABLE push_delivery (
    id              bigserial PRIMARY KEY,
    message_id      bigint NOT NULL REFERENCES outbox_message (id),
    supplier_id     uuid NOT NULL,
    device_id       uuid NOT NULL,
    state           text NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'RETIRED', 'EXPIRED',
                                                   'IN_DOUBT')),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    claimed_by      text,
    last_error      text,
    fcm_name        text,
    sent_at         timestamptz,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, device_id) REFERENCES push_device (supplier_id, id)
);
CREATE INDEX push_delivery_due ON push_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX push_delivery_leased ON push_delivery (lease_until) WHERE state = 'SENDING';
CREATE INDEX push_delivery_in_doubt ON push_delivery (id) WHERE state = 'IN_DOUBT';
CREATE INDEX push_delivery_by_message ON push_delivery (message_id);

-- An extreme-weather (non-disconnect) notice: the text customers see, the area and the window.
CREATE TABLE notice (
    id          uuid PRIMARY KEY,
    supplier_id uuid NOT NULL REFERENCES supplier (id),
    title       text NOT NULL,
    message     text NOT NULL,
    reason      text NOT NULL,
    area        jsonb NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
    created_by  uuid NOT NULL REFERENCES app_user (id),
    created_at  timestamptz NOT NULL
);

-- A notice as one customer receives it: signed for their account.
CREATE TABLE customer_notice (
    notice_id           uuid NOT NULL REFERENCES notice (id),
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    envelope            text NOT NULL,
    ends_at             timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (notice_id, customer_account_id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX customer_notice_by_customer ON customer_notice (supplier_id, customer_account_id, ends_at);

-- A campaign: one command for every affected meter (a notice's non-disconnect period, or a price change).
CREATE TABLE campaign (
    id            uuid PRIMARY KEY,
    supplier_id   uuid NOT NULL REFERENCES supplier (id),
    kind          text NOT NULL CHECK (kind IN ('NOTICE', 'PRICE_CHANGE')),
    notice_id     uuid REFERENCES notice (id),
    command       text NOT NULL,
    parameters    jsonb NOT NULL,
    area          jsonb NOT NULL,
    reason        text NOT NULL,
    -- What customers' phones show for a price change (a notice's own words are in notice).
    title         text,
    message       text,
    status        text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'CANCELLED')),
    total         int NOT NULL,
    created_by    uuid NOT NULL REFERENCES app_user (id),
    created_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    cancelled_by  uuid REFERENCES app_user (id),
    cancel_reason text
);

-- One meter of a campaign. The primary key is what makes 'one code per meter': a worker claims PENDING rows
-- (FOR UPDATE SKIP LOCKED) and, in the same transaction, issues their codes and marks them CODED; a crash rolls
-- both back. WAN meters go to the DCC adapter (DCC_PENDING, then DCC_SENT).
CREATE TABLE campaign_target (
    campaign_id         uuid NOT NULL REFERENCES campaign (id),
    device_id           uuid NOT NULL,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    state               text NOT NULL CHECK (state IN ('PENDING', 'CODED', 'DCC_PENDING', 'DCC_SENT', 'FAILED',
                                                       'CANCELLED')),
    code_id             uuid,
    has_phone           boolean,
    error               text,
    done_at             timestamptz,
    PRIMARY KEY (campaign_id, device_id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id)
);
CREATE INDEX campaign_target_open ON campaign_target (campaign_id, device_id) WHERE state IN ('PENDING', 'DCC_PENDING');

-- A meter's ECDH shared secret with the supplier's current prepayment key, wrapped (AES-256-GCM) under the
-- supplier's wrapping key, so bulk issuing need not repeat the agreement (docs/performance.md).
CREATE TABLE meter_secret (
    supplier_id  uuid NOT NULL,
    device_id    uuid NOT NULL,
    supplier_kid text NOT NULL,
    wrapped      bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (supplier_id, device_id, supplier_kid),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id)
);
