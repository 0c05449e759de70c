-- What an inbox item is about in the web app (a path such as /reservations?reservation=…), pushed live with it.
ALTER TABLE notifications ADD COLUMN link text;

-- notifications.notification.requested (and the reservation news it may repeat) delivered once per request id.
CREATE TABLE notification_requests (
    request_id  uuid PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX notification_requests_received ON notification_requests (received_at);
