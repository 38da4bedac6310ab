-- The retention sweep (model.ReadingRetention) deletes readings oldest first across all meters: without this
-- index each batch would read the whole table.
CREATE INDEX meter_reading_read_at ON meter_reading (read_at);
