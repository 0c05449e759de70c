-- What a diner's calendar invitation needs about the restaurant, mirrored with its names.
ALTER TABLE restaurant_names ADD COLUMN time_zone text, ADD COLUMN address text;

-- An email's calendar invitation (Domain/Invitation as JSON), attached as an .ics file when it is sent.
ALTER TABLE deliveries ADD COLUMN invitation jsonb;
