-- The floor under a campaign's PostgreSQL cost (campaign-floor.sh): the rows a campaign must write per meter, with
-- the tables' own indexes, checks and foreign keys, written by the cheapest statements there are (one per table and
-- page, from arrays PL/pgSQL already holds), nothing else. Copies of the tables live in schema floor, so the idle
-- backend's loops never see them; the parents (supplier, customer, meter, phone, campaign, notice) are public's.
-- What the floor leaves out, so the real pipeline pays more: the kept counts' triggers (campaign_tally, code
-- topups), the audit entry per page, reading the meters and their secrets, locking phones for the claim, parsing
-- arrays bound as text, and every round trip.
DROP SCHEMA IF EXISTS floor CASCADE;
CREATE SCHEMA floor;
DO $$
DECLARE
    copied text[] := ARRAY['code_counter', 'code', 'outbox_message', 'push_delivery', 'customer_notice',
                           'reach_step', 'campaign_target'];
    t text;
    fk record;
BEGIN
    FOREACH t IN ARRAY copied LOOP
        EXECUTE format('CREATE TABLE floor.%I (LIKE public.%I INCLUDING ALL)', t, t);
    END LOOP;
    -- The same foreign keys; those between two copied tables point at the copy.
    FOR fk IN SELECT c.conrelid::regclass::text AS child, pg_get_constraintdef(c.oid) AS def
              FROM pg_constraint c
              WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                AND c.conrelid::regclass::text = ANY (copied) LOOP
        EXECUTE format('ALTER TABLE floor.%I ADD %s', fk.child,
                       regexp_replace(fk.def, 'REFERENCES (' || array_to_string(copied, '|') || ')\(',
                                      'REFERENCES floor.\1('));
    END LOOP;
END $$;

-- A code's id as the ledger makes it (ledger.CodeIds): time-ordered, a version 7 UUID (to the millisecond here).
-- FLOOR_CODE_IDS=random (campaign-floor.sh) makes them random instead, as they were before 2026-12-04 evening.
CREATE FUNCTION floor.code_id(ordered boolean) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT CASE WHEN ordered
        THEN (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
              || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid
        ELSE gen_random_uuid() END
$$;

-- One campaign over every meter seeded at postcode :postcode: kind NOTICE (a non-disconnect code and the notice
-- for each customer: two messages, two deliveries) or PRICE_CHANGE (a price code: one of each).
CREATE PROCEDURE floor.campaign(kind text, postcode text, page int, ordered_ids boolean) LANGUAGE plpgsql AS $$
DECLARE
    s uuid := (SELECT id FROM supplier WHERE code = 'bright-energy');
    agent uuid := (SELECT id FROM app_user WHERE username = 'olly.ops');
    c uuid := gen_random_uuid();
    n uuid;
    devices uuid[];
    customers uuid[];
    codes uuid[];
    counters bigint[];
    deliveries bigint[];
    b int;
    envelope text;
BEGIN
    IF kind = 'NOTICE' THEN
        n := gen_random_uuid();
        INSERT INTO notice (id, supplier_id, title, message, reason, area, starts_at, ends_at, created_by, created_at)
        VALUES (n, s, 'Storm Floor', 'Keep warm: your supply stays on until Monday.', 'floor', '{}', now(),
                now() + interval '3 days', agent, now());
    END IF;
    -- Not RUNNING, so the backend's worker leaves it alone; the floor works its targets itself.
    INSERT INTO campaign (id, supplier_id, kind, notice_id, command, parameters, area, reason, status, total,
                          created_by, created_at)
    VALUES (c, s, kind, n, 'floor', '{}', '{}', 'floor', 'COMPLETED', 0, agent, now());
    INSERT INTO floor.code_counter (supplier_id, device_id, next_counter)
    SELECT d.supplier_id, d.id, 1 FROM device d JOIN premises p ON p.id = d.premises_id
    WHERE p.postcode = campaign.postcode
    ON CONFLICT DO NOTHING;
    INSERT INTO floor.campaign_target (campaign_id, device_id, supplier_id, customer_account_id, state, priority)
    SELECT c, d.id, d.supplier_id, p.customer_account_id, 'PENDING', 2
    FROM device d JOIN premises p ON p.id = d.premises_id WHERE p.postcode = campaign.postcode;
    COMMIT;
    -- A signed envelope's length as the backend writes it (1,285 characters of base64).
    envelope := rpad('', 1285, encode(sha256(c::text::bytea), 'base64'));
    LOOP
        -- The page: coded in one transaction, as CampaignPages does.
        SELECT array_agg(t.device_id ORDER BY t.device_id), array_agg(t.customer_account_id ORDER BY t.device_id),
               array_agg(floor.code_id(ordered_ids) ORDER BY t.device_id)
        INTO devices, customers, codes
        FROM (SELECT device_id, customer_account_id FROM floor.campaign_target
              WHERE campaign_id = c AND state = 'PENDING' ORDER BY priority, device_id LIMIT page) t;
        EXIT WHEN devices IS NULL;
        WITH u AS (UPDATE floor.code_counter k SET next_counter = k.next_counter + 1
                   WHERE k.supplier_id = s AND k.device_id = ANY (devices)
                   RETURNING k.device_id, k.next_counter - 1 AS n)
        SELECT array_agg(u.n ORDER BY u.device_id) INTO counters FROM u;
        INSERT INTO floor.code (id, supplier_id, device_id, customer_account_id, command, parameters, blocks, counter,
                                reason, status, needs_approval, issued_by, issued_at, expires_at, envelope, updated_at)
        SELECT u.id, s, u.d, u.cu, CASE kind WHEN 'NOTICE' THEN 'set-non-disconnect-period' ELSE 'change-price' END,
               '{"days": 3}', ARRAY['12345678901234567890', '09876543210987654321'], u.n, 'campaign ' || c, 'ISSUED',
               false, agent, now(), now() + interval '7 days', envelope, now()
        FROM unnest(codes, devices, customers, counters) AS u(id, d, cu, n);
        WITH m AS (
            INSERT INTO floor.outbox_message (supplier_id, customer_account_id, kind, subject_id, status, envelope,
                                              title, body, high_priority, campaign_id, created_at, expires_at)
            SELECT s, u.cu, x.kind, CASE x.kind WHEN 'code' THEN u.id ELSE n END,
                   CASE x.kind WHEN 'code' THEN 'ISSUED' END, envelope, 'New code for your meter',
                   'A code is ready. Open Lifeline to enter it.', x.kind = 'notice', c, now(),
                   now() + interval '3 days'
            FROM unnest(codes, customers) WITH ORDINALITY AS u(id, cu, i)
            CROSS JOIN (VALUES (1, 'code'), (2, 'notice')) AS x(o, kind)
            WHERE x.kind = 'code' OR campaign.kind = 'NOTICE'
            ORDER BY u.i, x.o
            RETURNING id, supplier_id, customer_account_id, created_at, expires_at),
        pd AS (
            INSERT INTO floor.push_delivery (message_id, supplier_id, device_id, state, next_attempt_at, expires_at,
                                             created_at)
            SELECT m.id, m.supplier_id, p.id, 'PENDING', m.created_at, m.expires_at, m.created_at
            FROM m JOIN push_device p ON p.supplier_id = m.supplier_id
              AND p.customer_account_id = m.customer_account_id AND p.retired_at IS NULL
            ORDER BY m.id, p.id
            RETURNING id)
        SELECT array_agg(pd.id ORDER BY pd.id) INTO deliveries FROM pd;
        IF kind = 'NOTICE' THEN
            INSERT INTO floor.customer_notice (notice_id, supplier_id, customer_account_id, envelope, ends_at,
                                               created_at)
            SELECT n, s, u.cu, envelope, now() + interval '3 days', now() FROM unnest(customers) AS u(cu);
        END IF;
        INSERT INTO floor.reach_step (code_id, step, supplier_id, customer_account_id, campaign_id, state, due_at)
        SELECT u.id, 'TEXT', s, u.cu, c, 'WAITING', now() + interval '15 minutes'
        FROM unnest(codes, customers) AS u(id, cu);
        UPDATE floor.campaign_target t SET state = 'CODED', code_id = u.id, has_phone = true, done_at = now()
        FROM unnest(devices, codes) AS u(d, id) WHERE t.campaign_id = c AND t.device_id = u.d;
        COMMIT;
        -- The pushes: claimed (SENDING, with a lease) and their outcomes recorded (SENT), a batch of 500 (FCM's
        -- most per call) in each transaction, as the dispatcher does.
        FOR b IN 0 .. (coalesce(cardinality(deliveries), 0) - 1) / 500 LOOP
            UPDATE floor.push_delivery p SET state = 'SENDING', lease_until = now() + interval '1 minute',
              claimed_by = 'floor', attempts = p.attempts + 1
            WHERE p.id = ANY (deliveries[b * 500 + 1 : b * 500 + 500]) AND p.state = 'PENDING';
            COMMIT;
            UPDATE floor.push_delivery p SET state = 'SENT', fcm_name = 'projects/floor/messages/' || p.id,
              lease_until = NULL, sent_at = now()
            WHERE p.id = ANY (deliveries[b * 500 + 1 : b * 500 + 500]) AND p.state = 'SENDING';
            COMMIT;
        END LOOP;
    END LOOP;
END $$;
