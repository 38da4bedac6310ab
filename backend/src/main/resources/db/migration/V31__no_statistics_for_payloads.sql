-- The wide columns of the hot tables are payloads: kept, read back, never compared in a WHERE or a join. Their
-- statistics guide no plan, yet ANALYZE read and detoasted them in every sample: analysing code, outbox_message,
-- idempotency_record and audit_log took 150-380 ms of a core each at 127,000 codes, and autovacuum analyses them
-- every minute or so while they grow. Without them it takes 60-170 ms (docs/performance.md, "Backend issuing").
ALTER TABLE code
  ALTER COLUMN envelope SET STATISTICS 0,
  ALTER COLUMN blocks SET STATISTICS 0,
  ALTER COLUMN parameters SET STATISTICS 0,
  ALTER COLUMN approval_reasons SET STATISTICS 0;
ALTER TABLE outbox_message
  ALTER COLUMN envelope SET STATISTICS 0,
  ALTER COLUMN title SET STATISTICS 0,
  ALTER COLUMN body SET STATISTICS 0;
ALTER TABLE idempotency_record
  ALTER COLUMN request_hash SET STATISTICS 0,
  ALTER COLUMN response_body SET STATISTICS 0;
ALTER TABLE audit_log
  ALTER COLUMN entry SET STATISTICS 0,
  ALTER COLUMN prev_hash SET STATISTICS 0,
  ALTER COLUMN hash SET STATISTICS 0;
