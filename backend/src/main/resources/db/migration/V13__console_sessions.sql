-- Console sessions (issue 16): the refresh behind a console's short access tokens. The browser holds a random
-- refresh token in an HttpOnly, SameSite=Strict cookie scoped to /api/v1/auth/console-session; only its SHA-256
-- is stored. Each use rotates it (current -> previous); the previous one is honoured for a few seconds, because
-- two tabs of one browser can send the same cookie at once, and a later use of it revokes the session (a stolen
-- copy). Signing out revokes it. Written by auth.ConsoleSessions only.
CREATE TABLE console_session (
    id             uuid PRIMARY KEY,
    supplier_id    uuid NOT NULL REFERENCES supplier (id),
    user_id        uuid NOT NULL REFERENCES app_user (id),
    current_hash   bytea NOT NULL UNIQUE,
    previous_hash  bytea UNIQUE,
    rotated_at     timestamptz,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL CHECK (expires_at > created_at),
    revoked_at     timestamptz,
    revoked_reason text CHECK (revoked_reason IN ('signed-out', 'reused', 'revoked'))
);
CREATE INDEX console_session_by_user ON console_session (supplier_id, user_id) WHERE revoked_at IS NULL;
-- The code history names the campaign a code came from (console.CodePeople).
CREATE INDEX campaign_target_by_code ON campaign_target (code_id) WHERE code_id IS NOT NULL;

-- Notes agents keep on a customer, shown in the customer's timeline with codes, results and notices. Written by
-- console.CustomerTimeline only.
CREATE TABLE customer_note (
    id                  uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL,
    customer_account_id uuid NOT NULL,
    author_id           uuid NOT NULL REFERENCES app_user (id),
    text                text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    created_at          timestamptz NOT NULL,
    FOREIGN KEY (supplier_id, customer_account_id) REFERENCES customer_account (supplier_id, id)
);
CREATE INDEX customer_note_by_customer ON customer_note (supplier_id, customer_account_id, created_at DESC);
