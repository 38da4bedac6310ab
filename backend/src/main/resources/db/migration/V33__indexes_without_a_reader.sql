-- Two indexes no statement reads: no query looks up a code's outbox messages or its ladder's steps by campaign
-- (a campaign's figures come from campaign_tally and campaign_target; its reach from its targets' codes). Each
-- still cost an entry per row of every campaign meter: one or two outbox messages and a ladder step. The campaign
-- index on outbox_message was also the one a plan made on guessed row counts could pick to read a campaign's
-- messages in full (see campaign_tally_pushes, V28).
DROP INDEX outbox_by_campaign;
DROP INDEX reach_step_by_campaign;
