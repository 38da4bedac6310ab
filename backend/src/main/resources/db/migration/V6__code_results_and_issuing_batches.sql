-- Issue 4: every result reported for a code, and lighter inserts on the issuing path.

-- Each result a customer or agent reported for a code, in order (seq 1, 2, ...). A code may be typed again after
-- a rejection (keypad locked, credit too high, a digit wrong), so it can have several; code.status and
-- code.result_reason hold what they come to (docs/backend-api.md, "Results"). Each row has its audit entry too.
CREATE TABLE code_result (
    supplier_id uuid NOT NULL,
    code_id     uuid NOT NULL REFERENCES code (id),
    seq         int NOT NULL CHECK (seq >= 1),
    outcome     text NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
    reason      text,
    reported_by uuid NOT NULL,
    reported_at timestamptz NOT NULL,
    PRIMARY KEY (code_id, seq),
    CHECK ((outcome = 'REJECTED') = (reason IS NOT NULL))
);

-- Results recorded before this table existed become each code's first result.
INSERT INTO code_result (supplier_id, code_id, seq, outcome, reason, reported_by, reported_at)
SELECT supplier_id, id, 1, status, CASE WHEN status = 'REJECTED' THEN coalesce(result_reason, 'unknown') END,
       issued_by, result_at
FROM code WHERE result_at IS NOT NULL AND status IN ('ACCEPTED', 'REJECTED');

-- Foreign-key checks run once per inserted row, and issuing inserts a code row and an audit row per code.
-- Neither of these guards anything: an audit row's supplier is the supplier of the audit_head row it is
-- chained from (which keeps its foreign key), and users are never deleted (issued_by is the caller's own id).
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_supplier_id_fkey;
ALTER TABLE code DROP CONSTRAINT IF EXISTS code_issued_by_fkey;
