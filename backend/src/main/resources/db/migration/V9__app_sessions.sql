-- App sessions (issue 12): an activated app's session is its app_install row. It can be revoked (by the customer
-- from the app, or by an agent when a phone is lost); a revoked session's token is refused at once. expires_at
-- is when the session's token ends, so the list shows only sessions that can still be used.
ALTER TABLE app_install
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN revoked_at timestamptz,
    ADD COLUMN revoked_by uuid,
    ADD COLUMN revoked_reason text;
UPDATE app_install SET expires_at = activated_at + interval '180 days';
ALTER TABLE app_install ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX app_install_by_customer ON app_install (supplier_id, customer_account_id) WHERE revoked_at IS NULL;
