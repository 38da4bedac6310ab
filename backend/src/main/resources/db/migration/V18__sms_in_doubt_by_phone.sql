-- A receipt whose message id matches no text is matched to the oldest text in doubt to its number
-- (SmsMessages.receiptInDoubt): found by index, not by reading every text ever sent.
CREATE INDEX sms_message_in_doubt ON sms_message (phone, id) WHERE state = 'IN_DOUBT' AND direction = 'OUT';
