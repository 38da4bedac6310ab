-- Balances read off a meter's display, by the customer in the app or by an agent, kept so the run-out forecast
-- can estimate the home's own use from them (issue 17). Written by the model feature, in the transaction that
-- applies the reading to the model. position_pence is what the estimate compares: the meter balance less
-- emergency credit used and the Accumulated Debt Register (shared: Observation.BalanceSeen.of).
CREATE TABLE meter_reading (
    supplier_id    uuid NOT NULL,
    device_id      uuid NOT NULL,
    read_at        timestamptz NOT NULL,
    position_pence bigint NOT NULL CHECK (abs(position_pence) <= 100000000),
    reported_by    uuid NOT NULL,
    PRIMARY KEY (supplier_id, device_id, read_at),
    FOREIGN KEY (supplier_id, device_id) REFERENCES device (supplier_id, id)
);
