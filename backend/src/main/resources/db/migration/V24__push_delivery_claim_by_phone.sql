-- The dispatchers claim by phone (delivery.Dispatcher.claim). The due index is in claim order (when, then phone),
-- so a claim reads the first due deliveries and stops, rather than sorting every due delivery of a long queue.
DROP INDEX push_delivery_due;
CREATE INDEX push_delivery_due ON push_delivery (next_attempt_at, device_id) WHERE state = 'PENDING';
-- Every due delivery of the phones a claim locked, found without reading the phones' whole history; retiring a
-- phone's queued deliveries uses it too.
CREATE INDEX push_delivery_pending_by_phone ON push_delivery (device_id, next_attempt_at) WHERE state = 'PENDING';
