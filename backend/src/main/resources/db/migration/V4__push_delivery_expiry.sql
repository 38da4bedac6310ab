-- The dispatcher's expiry sweep finds pending deliveries past their message's expiry through this index, rather
-- than reading every pending delivery (a campaign queues hundreds of thousands).
CREATE INDEX push_delivery_expiring ON push_delivery (expires_at) WHERE state = 'PENDING';
