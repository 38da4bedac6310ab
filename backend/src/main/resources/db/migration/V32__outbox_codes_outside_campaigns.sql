-- The ladder reads the outbox only for codes released outside a campaign: a campaign page writes its codes' first
-- steps in its own transaction (reach.ladder.Ladder#released). This index holds exactly the messages the ladder
-- reads, so a campaign's messages are neither walked by its reads nor written into it.
CREATE INDEX outbox_codes_outside_campaigns ON outbox_message (id) WHERE kind = 'code' AND campaign_id IS NULL;
