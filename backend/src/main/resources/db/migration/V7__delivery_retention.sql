-- The retention sweep (delivery.DeliveryRetention) deletes outbox messages oldest first once none of their
-- deliveries waits; this index lets it find them without reading the whole outbox.
CREATE INDEX outbox_by_age ON outbox_message (created_at);
