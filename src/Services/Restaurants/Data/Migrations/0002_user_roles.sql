-- Platform roles as identity last announced them (identity.user_roles.changed), newer than a token can be: opening a
-- restaurant needs the owner role, and a role taken away since the token was issued must stop working at once.
CREATE TABLE user_roles (
    user_id    uuid PRIMARY KEY,
    roles      text[] NOT NULL,
    changed_at timestamptz NOT NULL
);
