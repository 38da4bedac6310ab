-- Today's released top-ups per meter, kept on the meter's counter row, which every issuing batch locks anyway.
-- Before, the daily limit summed every top-up the meter had since the start of the day on each request: the
-- largest statement of issuing when a meter gets many codes in a day.
--
-- topups_pence is the sum of amount_pence over the meter's codes with issued_at >= topups_since whose status
-- counts towards the limits. The ledger (BatchWriter) uses it only when topups_since is the start of the day it
-- is issuing in; otherwise it counts the codes again under the counter's lock and moves topups_since to that
-- start. The triggers below keep the sum exact from then on, for every path that writes codes. NULL: never
-- counted yet.
ALTER TABLE code_counter
    ADD COLUMN topups_since timestamptz,
    ADD COLUMN topups_pence bigint NOT NULL DEFAULT 0;

-- Which statuses count towards the daily limit: CodeStatus.COUNTS_TOWARDS_LIMITS in SQL (LedgerSqlRulesTest
-- checks that the two agree for every status).
CREATE FUNCTION code_counts_towards_limits(status text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status IN ('ISSUED', 'DELIVERED', 'ENTERED', 'ACCEPTED') $$;

-- Moves the kept sums by what one statement on code changed. Each side is summed on its own, and a top-up that
-- stays counted (ISSUED to DELIVERED) adds and takes away the same amount, so it changes and locks nothing.
-- Counter rows are locked in key order, the order issuing takes them, before they are changed.
CREATE FUNCTION code_topups_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    suppliers uuid[];
    devices uuid[];
    issued timestamptz[];
    pence bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.supplier_id), array_agg(n.device_id), array_agg(n.issued_at), array_agg(n.amount_pence)
        INTO suppliers, devices, issued, pence
        FROM new_rows n WHERE n.amount_pence IS NOT NULL AND code_counts_towards_limits(n.status);
    ELSE
        -- Campaign codes carry no amount: their statements end here.
        IF NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.amount_pence IS NOT NULL) THEN
            RETURN NULL;
        END IF;
        SELECT array_agg(m.supplier_id), array_agg(m.device_id), array_agg(m.issued_at), array_agg(m.pence)
        INTO suppliers, devices, issued, pence
        FROM (
            SELECT supplier_id, device_id, issued_at, sum(d) AS pence FROM (
                SELECT n.supplier_id, n.device_id, n.issued_at, n.amount_pence AS d FROM new_rows n
                WHERE n.amount_pence IS NOT NULL AND code_counts_towards_limits(n.status)
                UNION ALL
                SELECT o.supplier_id, o.device_id, o.issued_at, -o.amount_pence FROM old_rows o
                WHERE o.amount_pence IS NOT NULL AND code_counts_towards_limits(o.status)) each_side
            GROUP BY 1, 2, 3 HAVING sum(d) <> 0) m;
    END IF;
    IF suppliers IS NULL THEN
        RETURN NULL;
    END IF;
    WITH changed AS (
        SELECT * FROM unnest(suppliers, devices, issued, pence) AS c(supplier_id, device_id, issued_at, pence)),
    locked AS (
        SELECT k.supplier_id, k.device_id, k.topups_since FROM code_counter k
        WHERE (k.supplier_id, k.device_id) IN (SELECT c.supplier_id, c.device_id FROM changed c)
        ORDER BY k.supplier_id, k.device_id FOR NO KEY UPDATE)
    UPDATE code_counter k SET topups_pence = k.topups_pence + d.pence
    FROM (SELECT l.supplier_id, l.device_id, sum(c.pence) AS pence
          FROM locked l JOIN changed c ON c.supplier_id = l.supplier_id AND c.device_id = l.device_id
          WHERE c.issued_at >= l.topups_since
          GROUP BY 1, 2) d
    WHERE k.supplier_id = d.supplier_id AND k.device_id = d.device_id AND d.pence <> 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER code_topups_inserted AFTER INSERT ON code
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION code_topups_moved();
CREATE TRIGGER code_topups_updated AFTER UPDATE ON code
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION code_topups_moved();
