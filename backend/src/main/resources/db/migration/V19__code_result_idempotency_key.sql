-- A result may carry the reporter's Idempotency-Key (the app sends one id per result it records): the same key
-- again is the same report, answered and never written twice, even after a later, different result.
ALTER TABLE code_result ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200);
CREATE UNIQUE INDEX code_result_by_key ON code_result (code_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
