-- A campaign's progress kept as counts while its targets, their codes and their pushes move, so the console's
-- view costs the same at a thousand meters as at a million. Counting at each read took 1.3 to 2.4 s at 100,000
-- meters, and a fifth of PostgreSQL's time in a campaign (docs/performance.md).
--
-- measure is one of:
--   'target:<state>'           meters of the campaign in that state (campaign_target.state);
--   'target:<state>:no-phone'  the same, for targets written with has_phone false;
--   'code:<status>'            the campaign's codes in that status (code.status), from the moment a target links
--                              its code;
--   'pushed'                   the campaign's code messages FCM took for at least one phone (push_delivery SENT).
-- n is the net count of one shard; last_done the latest campaign_target.done_at the shard saw. A shard is the
-- server process (pg_backend_pid) that wrote it: a connection runs one transaction at a time, so the counts of
-- pages committed by many workers and instances never wait on each other. A read sums the shards
-- (campaign.CampaignProgress), which also decides what each measure means for the view.
--
-- Written only by the statement triggers below, in the transaction that moves what they count, so a count is
-- exactly as durable as the change it counts. campaign_id has no foreign key, as outbox_message.campaign_id
-- has none: a count follows what it counts.
CREATE TABLE campaign_tally (
    campaign_id uuid NOT NULL,
    shard       int NOT NULL,
    measure     text NOT NULL,
    n           bigint NOT NULL,
    last_done   timestamptz,
    PRIMARY KEY (campaign_id, shard, measure)
);

CREATE FUNCTION campaign_target_measure(state text, has_phone boolean) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT 'target:' || state || CASE WHEN has_phone IS FALSE THEN ':no-phone' ELSE '' END
$$;

-- Targets: a row written counts in its state; a row moved counts out of its old state and into its new one. A
-- target that links its code (code_id set) starts counting that code's status.
CREATE FUNCTION campaign_tally_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO campaign_tally AS t (campaign_id, shard, measure, n, last_done)
        SELECT campaign_id, pg_backend_pid(), campaign_target_measure(state, has_phone), count(*), max(done_at)
        FROM new_rows
        GROUP BY 1, 3
        ORDER BY 1, 3
        ON CONFLICT (campaign_id, shard, measure)
            DO UPDATE SET n = t.n + excluded.n, last_done = greatest(t.last_done, excluded.last_done);
    ELSE
        -- Each side counted on its own (old rows out, new rows in), never joined: no plan can turn a page into
        -- rows times rows. A row whose code is linked counts that code's status on the side it is linked.
        INSERT INTO campaign_tally AS t (campaign_id, shard, measure, n, last_done)
        SELECT campaign_id, pg_backend_pid(), measure, sum(d), max(done_at)
        FROM (
            SELECT n.campaign_id, campaign_target_measure(n.state, n.has_phone) AS measure, 1 AS d, n.done_at
            FROM new_rows n
            UNION ALL
            SELECT o.campaign_id, campaign_target_measure(o.state, o.has_phone), -1, NULL
            FROM old_rows o
            UNION ALL
            SELECT n.campaign_id, 'code:' || k.status, 1, NULL
            FROM new_rows n CROSS JOIN LATERAL (SELECT k.status FROM code k WHERE k.id = n.code_id OFFSET 0) k
            UNION ALL
            SELECT o.campaign_id, 'code:' || k.status, -1, NULL
            FROM old_rows o CROSS JOIN LATERAL (SELECT k.status FROM code k WHERE k.id = o.code_id OFFSET 0) k) moved
        GROUP BY 1, 3
        HAVING sum(d) <> 0 OR max(done_at) IS NOT NULL
        ORDER BY 1, 3
        ON CONFLICT (campaign_id, shard, measure)
            DO UPDATE SET n = t.n + excluded.n, last_done = greatest(t.last_done, excluded.last_done);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER campaign_target_tally_written AFTER INSERT ON campaign_target
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally_targets();
CREATE TRIGGER campaign_target_tally_moved AFTER UPDATE ON campaign_target
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally_targets();

-- Codes: a campaign code whose status changes counts out of the old status and into the new one.
CREATE FUNCTION campaign_tally_codes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Old rows out, new rows in, each side on its own: a code whose status did not change nets to nothing.
    INSERT INTO campaign_tally AS t (campaign_id, shard, measure, n)
    SELECT x.campaign_id, pg_backend_pid(), 'code:' || moved.status, sum(moved.d)
    FROM (
        SELECT n.id, n.status, 1 AS d FROM new_rows n
        UNION ALL
        SELECT o.id, o.status, -1 FROM old_rows o) moved
    CROSS JOIN LATERAL (SELECT x.campaign_id FROM campaign_target x WHERE x.code_id = moved.id OFFSET 0) x
    GROUP BY 1, 3
    HAVING sum(moved.d) <> 0
    ORDER BY 1, 3
    ON CONFLICT (campaign_id, shard, measure) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END;
$$;
CREATE TRIGGER code_campaign_tally AFTER UPDATE ON code
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally_codes();

-- Pushes: a campaign's code message counts once, when the first of its deliveries is SENT. A message with no
-- delivery but those this statement sent (deliveries are written with their message, never later) counts at once.
-- A message with deliveries to other phones, which another transaction may be marking SENT at the same moment, is
-- locked first (in id order) and looked at again after the lock, when the other's commit is visible: counted
-- once, never twice.
CREATE FUNCTION campaign_tally_pushes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sent bigint[];        -- the messages this statement marked a delivery of SENT
    mine bigint[];        -- the deliveries it marked SENT
    alone uuid[];         -- the campaign of each of those messages that has no other delivery
    shared bigint[];      -- those messages that have another
BEGIN
    SELECT array_agg(DISTINCT n.message_id), array_agg(n.id) INTO sent, mine
    FROM new_rows n
    WHERE n.state = 'SENT' AND n.id NOT IN (SELECT o.id FROM old_rows o WHERE o.state = 'SENT');
    IF sent IS NULL THEN
        RETURN NULL;
    END IF;
    -- Every read starts from those messages, by key (OFFSET 0: never from the campaign's messages, which a plan
    -- on guessed row counts read in full, seconds a statement at 20,000 meters).
    SELECT array_agg(c.campaign_id) FILTER (WHERE NOT c.other), array_agg(c.id) FILTER (WHERE c.other)
    INTO alone, shared
    FROM unnest(sent) AS s(id)
    CROSS JOIN LATERAL (
        SELECT m.id, m.campaign_id,
          EXISTS (SELECT 1 FROM push_delivery p WHERE p.message_id = m.id AND p.id <> ALL (mine)) AS other
        FROM outbox_message m WHERE m.id = s.id AND m.kind = 'code' AND m.campaign_id IS NOT NULL OFFSET 0) c;
    IF shared IS NOT NULL THEN
        PERFORM 1 FROM outbox_message m WHERE m.id = ANY (shared) ORDER BY m.id FOR NO KEY UPDATE;
    END IF;

    INSERT INTO campaign_tally AS t (campaign_id, shard, measure, n)
    SELECT campaign_id, pg_backend_pid(), 'pushed', count(*)
    FROM (
        SELECT a.campaign_id FROM unnest(alone) AS a(campaign_id)
        UNION ALL
        SELECT c.campaign_id
        FROM unnest(shared) AS s(id)
        CROSS JOIN LATERAL (SELECT m.id, m.campaign_id FROM outbox_message m WHERE m.id = s.id OFFSET 0) c
        WHERE NOT EXISTS (SELECT 1 FROM push_delivery p WHERE p.message_id = c.id AND p.state = 'SENT'
                            AND p.id <> ALL (mine))) first
    GROUP BY 1
    ORDER BY 1
    ON CONFLICT (campaign_id, shard, measure) DO UPDATE SET n = t.n + excluded.n;
    RETURN NULL;
END;
$$;
CREATE TRIGGER push_delivery_campaign_tally AFTER UPDATE ON push_delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION campaign_tally_pushes();

-- The campaigns already there, counted once as the view counted them (shard 0).
INSERT INTO campaign_tally (campaign_id, shard, measure, n, last_done)
SELECT campaign_id, 0, campaign_target_measure(state, has_phone), count(*), max(done_at)
FROM campaign_target GROUP BY 1, 3;
INSERT INTO campaign_tally (campaign_id, shard, measure, n)
SELECT x.campaign_id, 0, 'code:' || k.status, count(*)
FROM campaign_target x JOIN code k ON k.id = x.code_id GROUP BY 1, 3;
INSERT INTO campaign_tally (campaign_id, shard, measure, n)
SELECT m.campaign_id, 0, 'pushed', count(DISTINCT m.subject_id)
FROM outbox_message m JOIN push_delivery p ON p.message_id = m.id AND p.state = 'SENT'
WHERE m.kind = 'code' AND m.campaign_id IS NOT NULL GROUP BY 1;
