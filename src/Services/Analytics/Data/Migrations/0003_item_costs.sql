-- What a portion of a menu item costs in ingredients now (inventory.recipe.costed), for menu engineering's margins.
CREATE TABLE item_cost_facts (
    restaurant_id uuid NOT NULL,
    menu_item_id  uuid NOT NULL,
    portion_cost  bigint,          -- null: the item has no recipe (any more)
    currency      text NOT NULL,
    costed_at     timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, menu_item_id)
);
