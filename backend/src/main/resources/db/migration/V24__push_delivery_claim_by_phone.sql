-- The dispatchers claim by phone (delivery.Dispatcher.claim): every due delivery of the phones a claim locked, read
-- through this index rather than through the whole due queue. Retiring a phone's queued deliveries uses it too.
CREATE INDEX push_delivery_pending_by_phone ON push_delivery (device_id) WHERE state = 'PENDING';
