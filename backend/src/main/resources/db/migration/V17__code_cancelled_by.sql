-- Who cancelled or refused a code (issue 16: the history says who, not only why). Written by the ledger; empty
-- for codes cancelled before this column existed and for codes the system cancelled (a change of supplier,
-- a cancelled campaign), whose audit entries say why.
ALTER TABLE code ADD COLUMN cancelled_by uuid REFERENCES app_user (id);
