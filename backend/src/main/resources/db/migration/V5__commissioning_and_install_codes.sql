-- Issue 8: device commissioning state with install codes encrypted at rest, install-code requests between
-- suppliers (SEC MP121), change of supplier, and the DP255 follow-up (offers of the no-WAN code service).
-- docs/install-codes.md describes the API on top. As in V1, every row belongs to a supplier through supplier_id.

-- The commissioning record of one physical device, global by EUI-64 (the device is the same whoever supplies it
-- now), owned by its installing supplier (supplier_id), which must have registered the device. The install code
-- is AES-256-GCM ciphertext (nonce || ciphertext || tag) under the vault key install_code_kid, with the EUI-64
-- and the key id as associated data (uk.lifeline.backend.commissioning.InstallCodeVault); never in clear here.
CREATE TABLE device_commissioning (
    eui64                  text PRIMARY KEY,
    supplier_id            uuid NOT NULL,
    state                  text NOT NULL CHECK (state IN ('INSTALLED_NOT_COMMISSIONED', 'COMMISSIONED')),
    reason                 text CHECK (reason IN ('REACTIVE_INSTALL_AND_LEAVE', 'PROACTIVE_INSTALL_AND_LEAVE',
                                                  'PARTIAL_INSTALL')),
    installed_on           date,
    install_code           bytea,
    install_code_kid       text,
    commissioned_at        timestamptz,
    commissioned_by        uuid REFERENCES supplier (id),
    updated_at             timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, eui64) REFERENCES device (supplier_id, eui64),
    CHECK ((install_code IS NULL) = (install_code_kid IS NULL)),
    CHECK ((state = 'COMMISSIONED') = (commissioned_at IS NOT NULL AND commissioned_by IS NOT NULL))
);
CREATE INDEX device_commissioning_by_installer ON device_commissioning (supplier_id, state);

-- A premises whose supply has moved to another supplier keeps its rows, for the losing supplier's history.
ALTER TABLE premises ADD COLUMN supply_ended_at timestamptz;

-- A supplier's meter for which no code may be made: SUPPLY_ENDED (the premises moved to another supplier) or
-- AWAITING_CREDENTIALS (gained, but the meter still trusts the losing supplier's prepayment key, so it would
-- refuse every code with bad-mac, and lock its keypad). The counter is frozen where it stood, so taking a
-- counter (which every code does) fails on the named constraint; the backend answers 409 supply-ended or
-- credentials-not-installed (uk.lifeline.backend.problem.ProblemHandler). A constraint costs the issuing path
-- nothing it does not already pay.
ALTER TABLE code_counter
    ADD COLUMN codes_blocked text CHECK (codes_blocked IN ('SUPPLY_ENDED', 'AWAITING_CREDENTIALS')),
    ADD COLUMN blocked_next_counter bigint,
    ADD CONSTRAINT code_counter_block_is_complete
        CHECK ((codes_blocked IS NULL) = (blocked_next_counter IS NULL)),
    ADD CONSTRAINT code_counter_supply_ended
        CHECK (codes_blocked IS DISTINCT FROM 'SUPPLY_ENDED' OR next_counter = blocked_next_counter),
    ADD CONSTRAINT code_counter_awaiting_credentials
        CHECK (codes_blocked IS DISTINCT FROM 'AWAITING_CREDENTIALS' OR next_counter = blocked_next_counter);

-- A campaign's targets whose meter is blocked are marked FAILED with the reason as they are written, in one
-- statement per campaign, so a campaign never tries to take their frozen counters.
CREATE FUNCTION campaign_target_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE campaign_target t
    SET state = 'FAILED', done_at = now(),
        error = CASE c.codes_blocked
                  WHEN 'SUPPLY_ENDED' THEN 'supply ended: the premises moved to another supplier'
                  ELSE 'credentials not installed: the meter still trusts the losing supplier''s key' END
    FROM new_targets n JOIN code_counter c ON c.supplier_id = n.supplier_id AND c.device_id = n.device_id
    WHERE c.codes_blocked IS NOT NULL AND t.campaign_id = n.campaign_id AND t.device_id = n.device_id
      AND t.state = 'PENDING';
    RETURN NULL;
END;
$$;
CREATE TRIGGER campaign_target_skips_blocked AFTER INSERT ON campaign_target
    REFERENCING NEW TABLE AS new_targets FOR EACH STATEMENT EXECUTE FUNCTION campaign_target_blocked();

-- A change of supplier: the gaining supplier (supplier_id) took over the losing supplier's premises. The gaining
-- supplier's own premises row holds the supply from then on; the losing one is ended (premises.supply_ended_at).
CREATE TABLE supply_switch (
    id                 uuid PRIMARY KEY,
    supplier_id        uuid NOT NULL REFERENCES supplier (id),
    premises_id        uuid NOT NULL,
    losing_supplier_id uuid NOT NULL REFERENCES supplier (id),
    losing_premises_id uuid NOT NULL,
    effective_on       date NOT NULL,
    recorded_by        uuid NOT NULL REFERENCES app_user (id),
    recorded_at        timestamptz NOT NULL,
    -- The losing supplier's codes cancelled by the switch (shown to the losing supplier only).
    cancelled_codes    uuid[] NOT NULL DEFAULT '{}',
    FOREIGN KEY (supplier_id, premises_id) REFERENCES premises (supplier_id, id),
    FOREIGN KEY (losing_supplier_id, losing_premises_id) REFERENCES premises (supplier_id, id),
    CHECK (supplier_id <> losing_supplier_id)
);
CREATE INDEX supply_switch_gained ON supply_switch (supplier_id, premises_id, recorded_at DESC);
CREATE INDEX supply_switch_lost ON supply_switch (losing_supplier_id, recorded_at DESC);

-- An install-code request (MP121): the requesting (gaining) supplier, supplier_id, asks responder_id, the
-- installing supplier (or, with no commissioning record, the supplier it gained the premises from), for the
-- install code of a device it supplies. due_on: ten England-and-Wales working days after the day it was raised.
CREATE TABLE install_code_request (
    id              uuid PRIMARY KEY,
    supplier_id     uuid NOT NULL REFERENCES supplier (id),
    responder_id    uuid NOT NULL REFERENCES supplier (id),
    routed_to       text NOT NULL CHECK (routed_to IN ('INSTALLING_SUPPLIER', 'LOSING_SUPPLIER')),
    device_id       uuid NOT NULL,
    eui64           text NOT NULL,
    batch_id        uuid,
    status          text NOT NULL CHECK (status IN ('OPEN', 'RELEASED', 'NOT_INSTALLING_PARTY', 'WITHDRAWN',
                                                    'CANCELLED')),
    note            text,
    requested_by    uuid NOT NULL REFERENCES app_user (id),
    requested_at    timestamptz NOT NULL,
    requested_on    date NOT NULL,
    due_on          date NOT NULL CHECK (due_on > requested_on),
    answered_by     uuid REFERENCES app_user (id),
    answered_at     timestamptz,
    answered_on     date,
    answer_note     text,
    escalated_by    uuid REFERENCES app_user (id),
    escalated_at    timestamptz,
    escalation_note text,
    closed_at       timestamptz,
    closed_reason   text,
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id),
    CHECK (supplier_id <> responder_id),
    CHECK ((status IN ('RELEASED', 'NOT_INSTALLING_PARTY')) = (answered_at IS NOT NULL AND answered_on IS NOT NULL)),
    CHECK ((status IN ('WITHDRAWN', 'CANCELLED')) = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX install_code_request_one_open ON install_code_request (supplier_id, eui64) WHERE status = 'OPEN';
CREATE INDEX install_code_request_raised ON install_code_request (supplier_id, requested_at DESC, id);
CREATE INDEX install_code_request_owed ON install_code_request (responder_id, requested_at DESC, id);
CREATE INDEX install_code_request_open_due ON install_code_request (due_on) WHERE status = 'OPEN';

-- An install code released to a supplier (supplier_id) by the device's installing supplier, answering a request.
-- It lets the receiving supplier's supervisors and operations reveal the code (each reveal audited).
CREATE TABLE install_code_release (
    eui64        text NOT NULL REFERENCES device_commissioning (eui64),
    supplier_id  uuid NOT NULL REFERENCES supplier (id),
    installer_id uuid NOT NULL REFERENCES supplier (id),
    request_id   uuid NOT NULL REFERENCES install_code_request (id),
    released_by  uuid NOT NULL REFERENCES app_user (id),
    released_at  timestamptz NOT NULL,
    PRIMARY KEY (eui64, supplier_id)
);

-- The no-WAN code service offered to a prepayment customer with a partial install or a meter left without WAN
-- (DP255): the call centre's work list. At most one offer per customer account; made automatically.
CREATE TABLE no_wan_offer (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    reason              text NOT NULL CHECK (reason IN ('PARTIAL_INSTALL', 'PREPAYMENT_NO_WAN')),
    devices             text[] NOT NULL,
    status              text NOT NULL CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED')),
    offered_at          timestamptz NOT NULL,
    outcome_by          uuid REFERENCES app_user (id),
    outcome_at          timestamptz,
    outcome_note        text,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id),
    UNIQUE (supplier_id, customer_account_id),
    CHECK ((status = 'OFFERED') = (outcome_at IS NULL))
);
CREATE INDEX no_wan_offer_open ON no_wan_offer (supplier_id, offered_at) WHERE status = 'OFFERED';
