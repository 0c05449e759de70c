// Generated from the inventory service's OpenAPI document by `npm run api:generate`; do not edit.
/* eslint-disable */
export interface paths {
    "/api/inventory/{restaurantId}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Portions each menu item's scarcest ingredient allows; 0 = 86'd (its people) */
        get: operations["MenuAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent counts with their variance value (its people) */
        get: operations["ListCounts"];
        put?: never;
        /** Record a full or spot count: stock is set to what was counted and the variance valued (its people) */
        post: operations["RecordCount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/counts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One count with expected, counted and variance per item (its people) */
        get: operations["GetCount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The restaurant's stock items by name (?low=true for those at or below their re-order point, ?location=); its people */
        get: operations["ListStockItems"];
        put?: never;
        /** Add a stock item with its unit, pack, cost, re-order point and par level (owner, manager) */
        post: operations["CreateStockItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One stock item with its ETag (its people) */
        get: operations["GetStockItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an item's name, location, cost, re-order point, par level, supplier or active flag (owner, manager) */
        patch: operations["UpdateStockItem"];
        trace?: never;
    };
    "/api/inventory/{restaurantId}/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stock movements, latest first (?stockItemId=&kind=&from=&to= instants; its people) */
        get: operations["ListStockMovements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Purchase orders, latest first (?status=; owner, manager) */
        get: operations["ListPurchaseOrders"];
        put?: never;
        /** Draft a purchase order to a supplier (Idempotency-Key required; owner, manager) */
        post: operations["CreatePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One purchase order with its lines (owner, manager) */
        get: operations["GetPurchaseOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a draft or a sent order with nothing received (owner, manager) */
        post: operations["CancelPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive a delivery (partial allowed): stock rises, changed prices are flagged (Idempotency-Key required; its people) */
        post: operations["ReceivePurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve and send a draft to its supplier; it is expected after the supplier's lead time (owner, manager) */
        post: operations["SendPurchaseOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/fill-to-par": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Draft one purchase order per supplier for everything below par (Idempotency-Key required; owner, manager) */
        post: operations["FillToPar"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/forecast-suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What to order from the forecast: forecasting's expected dishes × recipes over each supplier's lead time + review days, plus safety stock, less on hand and on order (?reviewDays=7&safetyDays=2; owner, manager) */
        get: operations["ForecastSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/purchase-orders/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What filling every item to par would order, counting what is already on order (owner, manager) */
        get: operations["FillToParSuggestions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/recipes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recipes with cost per portion and portions left (its people) */
        get: operations["ListRecipes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/recipes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The recipe of a menu item or modifier option (its people) */
        get: operations["GetRecipe"];
        /** Set the recipe of a menu item or modifier option (id = the menu item's or option's id); ordering hears the portions it allows (owner, manager) */
        put: operations["PutRecipe"];
        post?: never;
        /** Remove a recipe: the item stops taking stock (owner, manager) */
        delete: operations["DeleteRecipe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/reports/food-cost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Actual versus theoretical usage and food cost % of a period (?from=&to= local dates, ?timeZone=; owner, manager) */
        get: operations["FoodCostReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Currency of stock costs and whether re-order purchase orders are sent automatically (its people) */
        get: operations["GetInventorySettings"];
        /** Replace the inventory settings (owner, manager) */
        put: operations["PutInventorySettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The restaurant's suppliers (its people) */
        get: operations["ListSuppliers"];
        put?: never;
        /** Add a supplier (owner, manager) */
        post: operations["CreateSupplier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/suppliers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A supplier with its catalogue (its people) */
        get: operations["GetSupplier"];
        /** Replace a supplier's details (owner, manager) */
        put: operations["UpdateSupplier"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/inventory/{restaurantId}/waste": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log waste with its reason; stock falls and the loss is valued (its people) */
        post: operations["LogWaste"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AvailabilityItem: {
            available: boolean;
            /** Format: uuid */
            menuItemId: string;
            name: string;
            /** Format: int32 */
            portionsLeft: number | string;
        };
        AvailabilityResponse: {
            items: components["schemas"]["AvailabilityItem"][];
        };
        CatalogueEntry: {
            baseUnit: string;
            name: string;
            packCost: components["schemas"]["Money"];
            /** Format: double */
            packSize: number | string;
            packUnit: string;
            /** Format: uuid */
            stockItemId: string;
        };
        CountBody: {
            kind?: null | string;
            lines?: null | components["schemas"]["CountLineBody"][];
        };
        CountLineBody: {
            /** Format: double */
            quantity?: null | number | string;
            /** Format: uuid */
            stockItemId?: null | string;
            unit?: null | string;
        };
        CountLineResponse: {
            /** Format: double */
            counted: number | string;
            /** Format: double */
            expected: number | string;
            name: string;
            /** Format: uuid */
            stockItemId: string;
            unit: string;
            /** Format: double */
            variance: number | string;
            varianceCost: components["schemas"]["Money"];
        };
        CountResponse: {
            /** Format: date-time */
            countedAt: string;
            /** Format: uuid */
            id: string;
            kind: string;
            lines: components["schemas"]["CountLineResponse"][];
            varianceCost: components["schemas"]["Money"];
        };
        CountsResponse: {
            items: components["schemas"]["CountResponse"][];
        };
        DeadLetter: {
            /** Format: int32 */
            attempts: null | number | string;
            correlationId: null | string;
            deadAt: null | string;
            error: null | string;
            errorType: null | string;
            messageId: null | string;
            occurredAt: null | string;
            payload: string;
            producer: null | string;
            reason: null | string;
            type: null | string;
            /** Format: int32 */
            version: null | number | string;
        };
        DeadLetterActionResult: {
            /** Format: int32 */
            count: number | string;
        };
        DeadLetterList: {
            items: components["schemas"]["DeadLetter"][];
            /** Format: int64 */
            total: number | string;
        };
        DeadLetterSelection: {
            /** @default false */
            all: boolean;
            messageIds: null | string[];
        };
        FoodCostResponse: {
            actual: components["schemas"]["Money"];
            /** Format: int32 */
            foodCostBasisPoints: null | number | string;
            from: string;
            receipts: components["schemas"]["Money"];
            sales: components["schemas"]["Money"];
            theoretical: components["schemas"]["Money"];
            /** Format: int32 */
            theoreticalBasisPoints: null | number | string;
            timeZone: string;
            to: string;
            variance: components["schemas"]["Money"];
            waste: components["schemas"]["Money"];
        };
        ForecastSuggestionResponse: {
            /** Format: int32 */
            coverDays: number | string;
            /** Format: int32 */
            leadTimeDays: number | string;
            name: string;
            /** Format: double */
            onHand: number | string;
            /** Format: double */
            onOrder: number | string;
            packCost: components["schemas"]["Money"];
            /** Format: int32 */
            packs: number | string;
            packUnit: string;
            /** Format: double */
            safetyStock: number | string;
            /** Format: double */
            short: number | string;
            /** Format: uuid */
            stockItemId: string;
            /** Format: uuid */
            supplierId: null | string;
            supplierName: null | string;
            unit: string;
            /** Format: double */
            usage: number | string;
        };
        ForecastSuggestionsResponse: {
            /** Format: int32 */
            forecastDays: number | string;
            from: string;
            items: components["schemas"]["ForecastSuggestionResponse"][];
            /** Format: int32 */
            reviewDays: number | string;
            /** Format: int32 */
            safetyDays: number | string;
        };
        HttpValidationProblemDetails: {
            detail?: null | string;
            errors?: {
                [key: string]: string[];
            };
            instance?: null | string;
            /** Format: int32 */
            status?: null | number | string;
            title?: null | string;
            type?: null | string;
        };
        InventorySettingsBody: {
            autoSendPurchaseOrders?: null | boolean;
            currency?: null | string;
        };
        InventorySettingsResponse: {
            autoSendPurchaseOrders: boolean;
            currency: string;
        };
        Money: {
            /** Format: int64 */
            amount: number | string;
            currency: string;
        };
        MovementResponse: {
            /** Format: date-time */
            at: string;
            cost: components["schemas"]["Money"];
            /** Format: uuid */
            id: string;
            itemName: string;
            kind: string;
            note: null | string;
            /** Format: uuid */
            orderId: null | string;
            /** Format: uuid */
            purchaseOrderId: null | string;
            /** Format: double */
            quantity: number | string;
            reason: null | string;
            /** Format: uuid */
            stockItemId: string;
            unit: string;
        };
        OutboxStatus: {
            /** Format: int64 */
            backlog: number | string;
            /** Format: int64 */
            failedAttempts: number | string;
            lastError: null | string;
            /** Format: double */
            oldestAgeSeconds: null | number | string;
            /** Format: date-time */
            oldestOccurredAt: null | string;
        };
        PageOfMovementResponse: {
            items: components["schemas"]["MovementResponse"][];
            nextCursor: null | string;
        };
        PageOfStockItemResponse: {
            items: components["schemas"]["StockItemResponse"][];
            nextCursor: null | string;
        };
        ProblemDetails: {
            detail?: null | string;
            instance?: null | string;
            /** Format: int32 */
            status?: null | number | string;
            title?: null | string;
            type?: null | string;
        };
        PurchaseLineBody: {
            /** Format: double */
            quantity?: null | number | string;
            /** Format: uuid */
            stockItemId?: null | string;
            /** Format: int64 */
            unitCost?: null | number | string;
        };
        PurchaseOrderBody: {
            lines?: null | components["schemas"]["PurchaseLineBody"][];
            /** Format: uuid */
            supplierId?: null | string;
        };
        PurchaseOrderLineResponse: {
            name: string;
            /** Format: double */
            packSize: number | string;
            packUnit: string;
            priceChanged: boolean;
            /** Format: double */
            quantity: number | string;
            /** Format: double */
            received: number | string;
            receivedCost: null | components["schemas"]["Money"];
            /** Format: uuid */
            stockItemId: string;
            unitCost: components["schemas"]["Money"];
        };
        PurchaseOrderResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expectedAt: null | string;
            /** Format: uuid */
            id: string;
            lines: components["schemas"]["PurchaseOrderLineResponse"][];
            origin: string;
            /** Format: date-time */
            receivedAt: null | string;
            /** Format: date-time */
            sentAt: null | string;
            status: string;
            /** Format: uuid */
            supplierId: string;
            supplierName: string;
            total: components["schemas"]["Money"];
            /** Format: int32 */
            version: number | string;
        };
        PurchaseOrdersResponse: {
            items: components["schemas"]["PurchaseOrderResponse"][];
        };
        ReceiveBody: {
            lines?: null | components["schemas"]["PurchaseLineBody"][];
        };
        RecipeBody: {
            kind?: null | string;
            lines?: null | components["schemas"]["RecipeLineBody"][];
            name?: null | string;
        };
        RecipeLineBody: {
            /** Format: double */
            quantity?: null | number | string;
            /** Format: uuid */
            stockItemId?: null | string;
            unit?: null | string;
        };
        RecipeLineResponse: {
            cost: components["schemas"]["Money"];
            name: string;
            /** Format: double */
            quantity: number | string;
            /** Format: uuid */
            stockItemId: string;
            unit: string;
        };
        RecipeResponse: {
            /** Format: uuid */
            id: string;
            kind: string;
            lines: components["schemas"]["RecipeLineResponse"][];
            name: string;
            portionCost: components["schemas"]["Money"];
            /** Format: int32 */
            portionsLeft: number | string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: int32 */
            version: number | string;
        };
        RecipesResponse: {
            items: components["schemas"]["RecipeResponse"][];
        };
        StockItemBody: {
            baseUnit?: null | string;
            location?: null | string;
            name?: null | string;
            /** Format: double */
            onHand?: null | number | string;
            /** Format: int64 */
            packCost?: null | number | string;
            /** Format: double */
            packSize?: null | number | string;
            packUnit?: null | string;
            /** Format: double */
            parLevel?: null | number | string;
            /** Format: double */
            reorderPoint?: null | number | string;
            /** Format: uuid */
            supplierId?: null | string;
        };
        StockItemPatch: {
            active?: null | boolean;
            clearExpiry?: null | boolean;
            expiresOn?: null | string;
            location?: null | string;
            name?: null | string;
            /** Format: int64 */
            packCost?: null | number | string;
            /** Format: double */
            parLevel?: null | number | string;
            removeSupplier?: null | boolean;
            /** Format: double */
            reorderPoint?: null | number | string;
            /** Format: uuid */
            supplierId?: null | string;
        };
        StockItemResponse: {
            active: boolean;
            baseUnit: string;
            expiresOn: null | string;
            /** Format: uuid */
            id: string;
            location: null | string;
            low: boolean;
            name: string;
            /** Format: double */
            onHand: number | string;
            packCost: components["schemas"]["Money"];
            /** Format: double */
            packSize: number | string;
            packUnit: string;
            /** Format: double */
            parLevel: number | string;
            /** Format: double */
            reorderPoint: number | string;
            /** Format: uuid */
            restaurantId: string;
            /** Format: uuid */
            supplierId: null | string;
            /** Format: date-time */
            updatedAt: string;
            value: components["schemas"]["Money"];
            /** Format: int32 */
            version: number | string;
        };
        SuggestionResponse: {
            name: string;
            /** Format: double */
            onHand: number | string;
            /** Format: double */
            onOrder: number | string;
            packCost: components["schemas"]["Money"];
            /** Format: double */
            packs: number | string;
            packUnit: string;
            /** Format: double */
            parLevel: number | string;
            /** Format: uuid */
            stockItemId: string;
            /** Format: uuid */
            supplierId: null | string;
            supplierName: null | string;
            unit: string;
        };
        SuggestionsResponse: {
            items: components["schemas"]["SuggestionResponse"][];
        };
        SupplierBody: {
            email?: null | string;
            /** Format: int32 */
            leadTimeDays?: null | number | string;
            name?: null | string;
            phone?: null | string;
        };
        SupplierResponse: {
            catalogue: null | components["schemas"]["CatalogueEntry"][];
            email: null | string;
            /** Format: uuid */
            id: string;
            /** Format: int32 */
            leadTimeDays: number | string;
            name: string;
            phone: null | string;
            /** Format: int32 */
            version: number | string;
        };
        SuppliersResponse: {
            items: components["schemas"]["SupplierResponse"][];
        };
        WasteBody: {
            note?: null | string;
            /** Format: double */
            quantity?: null | number | string;
            reason?: null | string;
            /** Format: uuid */
            stockItemId?: null | string;
            unit?: null | string;
        };
        WasteResponse: {
            cost: components["schemas"]["Money"];
            name: string;
            /** Format: double */
            onHand: number | string;
            /** Format: double */
            quantity: number | string;
            reason: string;
            /** Format: uuid */
            stockItemId: string;
            unit: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    MenuAvailability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AvailabilityResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListCounts: {
        parameters: {
            query?: {
                limit?: number | string;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountsResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    RecordCount: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer. */
                "Idempotency-Key"?: string;
            };
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description A request with this key is still being processed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description This key was already used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetCount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CountResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListStockItems: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number | string;
                location?: string;
                low?: boolean;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageOfStockItemResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateStockItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockItemBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockItemResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetStockItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockItemResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateStockItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional. */
                "If-Match"?: string;
            };
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StockItemPatch"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StockItemResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource changed since the caller read it (stale If-Match). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListStockMovements: {
        parameters: {
            query?: {
                cursor?: string;
                from?: string;
                kind?: string;
                limit?: number | string;
                stockItemId?: string;
                to?: string;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageOfMovementResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListPurchaseOrders: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number | string;
                status?: string;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrdersResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreatePurchaseOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer. */
                "Idempotency-Key": string;
            };
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PurchaseOrderBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description A request with this key is still being processed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description This key was already used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetPurchaseOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CancelPurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional. */
                "If-Match"?: string;
            };
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource changed since the caller read it (stale If-Match). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReceivePurchaseOrder: {
        parameters: {
            query?: never;
            header: {
                /** @description A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer. */
                "Idempotency-Key": string;
                /** @description The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional. */
                "If-Match"?: string;
            };
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceiveBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource changed since the caller read it (stale If-Match). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description This key was already used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SendPurchaseOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional. */
                "If-Match"?: string;
            };
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrderResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource changed since the caller read it (stale If-Match). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    FillToPar: {
        parameters: {
            query?: never;
            header: {
                /** @description A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer. */
                "Idempotency-Key": string;
            };
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PurchaseOrdersResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description A request with this key is still being processed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description This key was already used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ForecastSuggestions: {
        parameters: {
            query?: {
                reviewDays?: number | string;
                safetyDays?: number | string;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ForecastSuggestionsResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Service Unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    FillToParSuggestions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuggestionsResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListRecipes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipesResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetRecipe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PutRecipe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecipeBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecipeResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DeleteRecipe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    FoodCostReport: {
        parameters: {
            query?: {
                from?: string;
                timeZone?: string;
                to?: string;
            };
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FoodCostResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetInventorySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventorySettingsResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PutInventorySettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InventorySettingsBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InventorySettingsResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ListSuppliers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuppliersResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CreateSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or it belongs to someone the caller may not see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GetSupplier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierResponse"];
                };
            };
            /** @description The request is malformed or a field is invalid (errors names each field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    UpdateSupplier: {
        parameters: {
            query?: never;
            header?: {
                /** @description The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional. */
                "If-Match"?: string;
            };
            path: {
                id: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource changed since the caller read it (stale If-Match). */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    LogWaste: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer. */
                "Idempotency-Key"?: string;
            };
            path: {
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WasteBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WasteResponse"];
                };
            };
            /** @description Bad Request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["HttpValidationProblemDetails"];
                };
            };
            /** @description No valid access token (missing, expired, revoked or malformed). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Not Found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description A request with this key is still being processed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description This key was already used with a different body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
}
