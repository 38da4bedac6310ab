-- A retired phone's FCM token (and the name the customer gave the phone) is erased once it has been retired for
-- lifeline.retention.messages (delivery.DeliveryRetention): nothing is ever sent to a retired token, and a token
-- identifies a person's phone. The row stays, so the deliveries that went to it can still say where they went.
ALTER TABLE push_device ALTER COLUMN token DROP NOT NULL;
ALTER TABLE push_device ADD CONSTRAINT push_device_live_has_token CHECK (token IS NOT NULL OR retired_at IS NOT NULL);
CREATE INDEX push_device_retired_with_token ON push_device (retired_at)
    WHERE retired_at IS NOT NULL AND token IS NOT NULL;
