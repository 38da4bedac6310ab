-- Issue 17: campaigns work Priority Services Register customers first. Each target's rank is fixed when the
-- campaign is created (0 medically dependent, 1 other PSR, 2 everyone else: psr.PsrRank), and pages are claimed in
-- (priority, device_id) order, so the open-target index leads with it.
ALTER TABLE campaign_target ADD COLUMN priority smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 2);
DROP INDEX campaign_target_open;
CREATE INDEX campaign_target_open ON campaign_target (campaign_id, priority, device_id)
    WHERE state IN ('PENDING', 'DCC_PENDING');
