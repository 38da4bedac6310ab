-- A campaign's own escalation deadline (issue 14): how long the app has to fetch a code of this campaign before
-- the ladder texts the customer. Absent: the supplier's deadline, else the default (lifeline.reach.ladder.*).
-- Set at launch by the campaign feature; read by the ladder when it starts a code's steps.
ALTER TABLE campaign ADD COLUMN app_deadline_seconds int CHECK (app_deadline_seconds BETWEEN 60 AND 86400);
