-- Restaurant names for message texts, mirrored from restaurants.restaurant.created/updated.
CREATE TABLE restaurant_names (
    restaurant_id uuid PRIMARY KEY,
    name          text NOT NULL,
    name_en       text,
    version       int NOT NULL
);
