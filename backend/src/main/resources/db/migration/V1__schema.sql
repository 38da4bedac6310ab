-- Lifeline backend schema. Every table that holds a supplier's data carries supplier_id, and every query the
-- backend runs names it, so no request can reach another supplier's rows.

CREATE TABLE supplier (
    id            uuid PRIMARY KEY,
    code          text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
    name          text NOT NULL,
    originator_id text NOT NULL UNIQUE CHECK (originator_id ~ '^[0-9A-F]{16}$'),
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_account (
    id             uuid PRIMARY KEY,
    supplier_id    uuid NOT NULL REFERENCES supplier (id),
    account_number text NOT NULL,
    name           text NOT NULL,
    phone          text,
    email          text,
    UNIQUE (supplier_id, account_number),
    UNIQUE (supplier_id, id)
);
CREATE INDEX customer_account_name ON customer_account (supplier_id, lower(name));

CREATE TABLE app_user (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL REFERENCES supplier (id),
    username            text NOT NULL UNIQUE,
    password_hash       text NOT NULL,
    display_name        text NOT NULL,
    role                text NOT NULL CHECK (role IN ('CUSTOMER', 'AGENT', 'SUPERVISOR', 'OPS', 'ADMIN')),
    customer_account_id uuid,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    CHECK ((role = 'CUSTOMER') = (customer_account_id IS NOT NULL))
);

CREATE TABLE premises (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    address             text NOT NULL,
    postcode            text NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    UNIQUE (supplier_id, id)
);
-- Postcodes are searched without spaces and in capitals: 'sw1a 1aa' finds 'SW1A 1AA'.
CREATE INDEX premises_postcode ON premises (supplier_id, upper(replace(postcode, ' ', '')));

CREATE TABLE supply_point (
    id          uuid PRIMARY KEY,
    supplier_id uuid NOT NULL,
    premises_id uuid NOT NULL,
    fuel        text NOT NULL CHECK (fuel IN ('ELECTRICITY', 'GAS')),
    -- MPAN core (13 digits) for electricity, MPRN (6 to 10 digits) for gas; check digits validated on the way in.
    mpxn        text NOT NULL CHECK (mpxn ~ '^[0-9]{6,13}$'),
    FOREIGN KEY (supplier_id, premises_id) REFERENCES premises (supplier_id, id),
    UNIQUE (supplier_id, mpxn),
    UNIQUE (supplier_id, id)
);

CREATE TABLE device (
    id              uuid PRIMARY KEY,
    supplier_id     uuid NOT NULL,
    premises_id     uuid NOT NULL,
    supply_point_id uuid,
    eui64           text NOT NULL CHECK (eui64 ~ '^[0-9A-F]{16}$'),
    device_type     text NOT NULL CHECK (device_type IN ('ESME', 'GSME', 'PPMID', 'CHF')),
    -- The device's key-agreement public key: a PEM certificate or SubjectPublicKeyInfo.
    ka_public_key   text,
    wan_state       text NOT NULL CHECK (wan_state IN ('COMMISSIONED_WAN', 'NO_WAN', 'INSTALL_AND_LEAVE', 'PARTIAL_INSTALL')),
    FOREIGN KEY (supplier_id, premises_id) REFERENCES premises (supplier_id, id),
    FOREIGN KEY (supplier_id, supply_point_id) REFERENCES supply_point (supplier_id, id),
    UNIQUE (supplier_id, eui64),
    UNIQUE (supplier_id, id),
    CHECK (device_type NOT IN ('ESME', 'GSME') OR (supply_point_id IS NOT NULL AND ka_public_key IS NOT NULL))
);

-- The UTRN counter per supplier and meter. next_counter is the next one to hand out; highest_accepted is the
-- highest counter the meter is known to have accepted (from reported results): the meter rebuilds a counter
-- only within 512 above it, so next_counter may never pass highest_accepted + 512.
CREATE TABLE code_counter (
    supplier_id      uuid NOT NULL,
    device_id        uuid NOT NULL,
    next_counter     bigint NOT NULL DEFAULT 1 CHECK (next_counter BETWEEN 1 AND 4294967296),
    highest_accepted bigint NOT NULL DEFAULT 0 CHECK (highest_accepted >= 0),
    PRIMARY KEY (supplier_id, device_id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id)
);

-- The code ledger: every code ever made, with who asked, who approved and what happened to it.
CREATE TABLE code (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    device_id           uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    command             text NOT NULL,
    parameters          jsonb NOT NULL,
    amount_pence        bigint,
    digits              text NOT NULL CHECK (digits ~ '^([0-9]{20}){1,3}$'),
    blocks              int NOT NULL CHECK (blocks BETWEEN 1 AND 3),
    counter             bigint NOT NULL,
    reason              text NOT NULL,
    status              text NOT NULL CHECK (status IN ('ISSUED', 'PENDING_APPROVAL', 'DELIVERED', 'ENTERED',
                                                         'ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELLED')),
    needs_approval      boolean NOT NULL,
    approval_reasons    jsonb NOT NULL DEFAULT '[]',
    issued_by           uuid NOT NULL REFERENCES app_user (id),
    approved_by         uuid REFERENCES app_user (id),
    issued_at           timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    approved_at         timestamptz,
    result_at           timestamptz,
    result_reason       text,
    cancel_reason       text,
    envelope            text,
    updated_at          timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id),
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    UNIQUE (supplier_id, device_id, counter),
    CHECK (approved_by IS NULL OR approved_by <> issued_by)
);
CREATE INDEX code_by_meter ON code (supplier_id, device_id, issued_at DESC, id DESC);
CREATE INDEX code_by_customer ON code (supplier_id, customer_account_id, issued_at DESC, id DESC);
CREATE INDEX code_expiring ON code (expires_at) WHERE status IN ('ISSUED', 'PENDING_APPROVAL', 'DELIVERED');

-- One row per Idempotency-Key a user sent: the request's hash and the response it got.
CREATE TABLE idempotency_record (
    supplier_id   uuid NOT NULL,
    user_id       uuid NOT NULL,
    key           text NOT NULL,
    request_hash  bytea NOT NULL,
    http_status   int NOT NULL,
    response_body text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (supplier_id, user_id, key)
);

-- The audit log: 16 hash chains per supplier, an entry's chain chosen by its subject (so a code's entries share
-- one chain, in order). Each entry's hash is SHA-256(previous hash in its chain || seq as 8 bytes big-endian ||
-- entry as UTF-8); a chain's first previous hash is 32 zero bytes. audit_head holds each chain's newest link, so
-- appending is one statement that locks one head row until commit; 16 chains let 16 commits share a WAL flush.
CREATE TABLE audit_head (
    supplier_id uuid NOT NULL REFERENCES supplier (id),
    chain       int NOT NULL CHECK (chain BETWEEN 0 AND 15),
    seq         bigint NOT NULL DEFAULT 0,
    prev_hash   bytea NOT NULL DEFAULT decode(repeat('00', 32), 'hex'),
    hash        bytea NOT NULL DEFAULT decode(repeat('00', 32), 'hex'),
    PRIMARY KEY (supplier_id, chain)
);

CREATE TABLE audit_log (
    supplier_id uuid NOT NULL REFERENCES supplier (id),
    chain       int NOT NULL,
    seq         bigint NOT NULL,
    entry       text NOT NULL,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL,
    PRIMARY KEY (supplier_id, chain, seq)
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE FUNCTION supplier_audit_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_head (supplier_id, chain) SELECT NEW.id, g FROM generate_series(0, 15) AS g;
    RETURN NEW;
END;
$$;
CREATE TRIGGER supplier_gets_audit_head AFTER INSERT ON supplier
    FOR EACH ROW EXECUTE FUNCTION supplier_audit_head();

CREATE FUNCTION device_code_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.device_type IN ('ESME', 'GSME') THEN
        INSERT INTO code_counter (supplier_id, device_id) VALUES (NEW.supplier_id, NEW.id);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER meter_gets_code_counter AFTER INSERT ON device
    FOR EACH ROW EXECUTE FUNCTION device_code_counter();
