-- The earliest expiry of what is on hand, and the expiry date the managers were last told about (one alert per date).
ALTER TABLE stock_items ADD COLUMN expires_on date, ADD COLUMN expiry_alerted_on date;
CREATE INDEX stock_items_expiry ON stock_items (expires_on) WHERE expires_on IS NOT NULL;
