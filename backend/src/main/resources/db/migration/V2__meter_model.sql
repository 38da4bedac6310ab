-- The backend's model of each meter's prepayment state (issue 4, code previews). The backend cannot read a no-WAN
-- meter, so it keeps what it last knew: the meter's settings and tariff and its registers (balance, emergency
-- credit, debt registers, supply, friendly-credit calendar, non-disconnect period...), as the shared tariff
-- engine's MeterState serialised to JSON (state.settings holds the settings; format 1, see
-- uk.lifeline.backend.model.MeterStateJson). Previews apply a command to it with the engine; a code reported
-- ACCEPTED is applied to it in the same transaction as the result, with an audit entry.
CREATE TABLE meter_model (
    supplier_id    uuid NOT NULL,
    device_id      uuid NOT NULL,
    format         int NOT NULL DEFAULT 1 CHECK (format = 1),
    state          jsonb NOT NULL,
    -- The instant the state describes (the engine's MeterState.asOf): charges for energy used since then are not
    -- in it, so a real meter's balance is usually lower.
    as_of          timestamptz NOT NULL,
    -- Where the state came from: SEEDED (demo or provisioning), REPORTED (an agent typed in what the customer's
    -- display shows), MODELLED (the engine applied an accepted code to the previous state).
    source         text NOT NULL CHECK (source IN ('SEEDED', 'REPORTED', 'MODELLED')),
    -- The code whose acceptance made this state (MODELLED only).
    source_code_id uuid,
    -- Set when a code the meter accepted would have been refused by the model: the model no longer matches the
    -- meter until someone reports its state.
    diverged       text,
    updated_by     uuid,
    updated_at     timestamptz NOT NULL,
    version        bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (supplier_id, device_id),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id),
    CHECK ((source = 'MODELLED') = (source_code_id IS NOT NULL))
);
