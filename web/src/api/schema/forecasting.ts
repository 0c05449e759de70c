// Generated from the forecasting service's OpenAPI document by `npm run api:generate`; do not edit.
/* eslint-disable */
export interface paths {
    "/api/forecasts/{restaurantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily and hourly covers and sales for the next days (?days=, default the horizon) with intervals, bookings and overrides (owner, manager) */
        get: operations["GetForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Menu items expected per day from expected covers and recent quantities per cover, for purchase planning (?days=; owner, manager) */
        get: operations["GetMenuItemForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/labour": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff needed per day and hour from expected covers, for the staff schedule (?days=; owner, manager) */
        get: operations["GetLabourForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/labour/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Covers per staff hour and the minimum staff (owner, manager) */
        get: operations["GetLabourSettings"];
        /** Replace covers per staff hour and the minimum staff (owner, manager) */
        put: operations["PutLabourSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Model versions, newest first, with their backtest MASE and interval coverage (?target=covers|sales; owner, manager) */
        get: operations["ListForecastModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/overrides/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the restaurant's own covers and/or sales for a day (today or later), shown beside the model's (owner, manager) */
        put: operations["SetForecastOverride"];
        post?: never;
        /** Remove a day's override (owner, manager) */
        delete: operations["RemoveForecastOverride"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/overrides/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who set or removed which override when, newest first (owner, manager) */
        get: operations["ListForecastOverrideLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/forecasts/{restaurantId}/retrain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Train new covers and sales model versions on the history up to yesterday and score them (owner, manager) */
        post: operations["RetrainForecast"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Restaurants and dishes for the signed-in diner: liked by diners who chose what you chose, else popular; only what you can book and order now (?take=) */
        get: operations["GetMyRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/recommendations/menu-items/{menuItemId}/also-ordered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Guests who ordered this also ordered: items of the same restaurant often in the same order, orderable now (?take=; public) */
        get: operations["GetAlsoOrdered"];
        put?: never;
        post?: never;
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
        AlsoOrderedResponse: {
            items: components["schemas"]["RecommendedDish"][];
            /** Format: uuid */
            menuItemId: string;
        };
        CoversEstimate: {
            /** Format: int32 */
            high: number | string;
            /** Format: int32 */
            low: number | string;
            /** Format: int32 */
            value: number | string;
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
        ForecastDayResponse: {
            /** Format: int32 */
            bookedCovers: number | string;
            covers: null | components["schemas"]["CoversEstimate"];
            date: string;
            /** Format: int32 */
            expectedCovers: number | string;
            expectedSales: components["schemas"]["Money"];
            holiday: null | string;
            hours: components["schemas"]["HourResponse"][];
            override: null | components["schemas"]["OverrideResponse"];
            payday: boolean;
            sales: null | components["schemas"]["SalesEstimate"];
            weekday: string;
        };
        ForecastResponse: {
            coversModel: components["schemas"]["ModelResponse"];
            currency: string;
            days: components["schemas"]["ForecastDayResponse"][];
            from: string;
            /** Format: uuid */
            restaurantId: string;
            salesModel: components["schemas"]["ModelResponse"];
            timeZone: string;
        };
        HourResponse: {
            /** Format: double */
            covers: number | string;
            /** Format: int32 */
            hour: number | string;
            sales: components["schemas"]["Money"];
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
        ItemDayResponse: {
            date: string;
            /** Format: int32 */
            expectedCovers: number | string;
            items: components["schemas"]["ItemQuantityResponse"][];
        };
        ItemForecastResponse: {
            days: components["schemas"]["ItemDayResponse"][];
            /** Format: uuid */
            restaurantId: string;
            /** Format: int32 */
            windowDays: number | string;
        };
        ItemQuantityResponse: {
            /** Format: uuid */
            menuItemId: string;
            name: string;
            /** Format: double */
            quantity: number | string;
        };
        LabourDayResponse: {
            date: string;
            /** Format: int32 */
            expectedCovers: number | string;
            hours: components["schemas"]["LabourHourResponse"][];
            /** Format: int32 */
            peakStaff: number | string;
            /** Format: int32 */
            staffHours: number | string;
        };
        LabourHourResponse: {
            /** Format: double */
            covers: number | string;
            /** Format: int32 */
            hour: number | string;
            /** Format: int32 */
            staff: number | string;
        };
        LabourResponse: {
            /** Format: double */
            coversPerStaffHour: number | string;
            days: components["schemas"]["LabourDayResponse"][];
            /** Format: int32 */
            minimumStaff: number | string;
            /** Format: uuid */
            restaurantId: string;
        };
        LabourSettingsBody: {
            /** Format: double */
            coversPerStaffHour?: null | number | string;
            /** Format: int32 */
            minimumStaff?: null | number | string;
        };
        LabourSettingsResponse: {
            /** Format: double */
            coversPerStaffHour: number | string;
            isDefault: boolean;
            /** Format: int32 */
            minimumStaff: number | string;
        };
        ModelResponse: {
            /** Format: int32 */
            backtestPoints: number | string;
            /** Format: double */
            coverage: null | number | string;
            /** Format: int32 */
            historyDays: number | string;
            /** Format: uuid */
            id: string;
            /** Format: double */
            intervalLevel: number | string;
            /** Format: double */
            mase: null | number | string;
            method: string;
            origin: string;
            reason: string;
            target: string;
            /** Format: date-time */
            trainedAt: string;
            /** Format: uuid */
            trainedBy: null | string;
            /** Format: int32 */
            trees: number | string;
            trigger: string;
            /** Format: int32 */
            version: number | string;
        };
        Money: {
            /** Format: int64 */
            amount: number | string;
            currency: string;
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
        OverrideBody: {
            /** Format: int32 */
            covers?: null | number | string;
            note?: null | string;
            /** Format: int64 */
            sales?: null | number | string;
        };
        OverrideLogResponse: {
            action: string;
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            by: string;
            /** Format: int32 */
            covers: null | number | string;
            date: string;
            /** Format: uuid */
            id: string;
            note: null | string;
            /** Format: int64 */
            sales: null | number | string;
        };
        OverrideResponse: {
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            by: string;
            /** Format: int32 */
            covers: null | number | string;
            date: string;
            note: null | string;
            sales: null | components["schemas"]["Money"];
        };
        PageOfModelResponse: {
            items: components["schemas"]["ModelResponse"][];
            nextCursor: null | string;
        };
        PageOfOverrideLogResponse: {
            items: components["schemas"]["OverrideLogResponse"][];
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
        RecommendationsResponse: {
            dishes: components["schemas"]["RecommendedDish"][];
            restaurants: components["schemas"]["RecommendedRestaurant"][];
        };
        RecommendedDish: {
            category: null | string;
            /** Format: uuid */
            menuItemId: string;
            name: string;
            price: components["schemas"]["Money"];
            reason: string;
            /** Format: uuid */
            restaurantId: string;
            /** Format: double */
            score: number | string;
        };
        RecommendedRestaurant: {
            name: string;
            nameEn: null | string;
            reason: string;
            /** Format: uuid */
            restaurantId: string;
            /** Format: double */
            score: number | string;
        };
        RetrainResponse: {
            covers: components["schemas"]["ModelResponse"];
            sales: components["schemas"]["ModelResponse"];
        };
        SalesEstimate: {
            high: components["schemas"]["Money"];
            low: components["schemas"]["Money"];
            value: components["schemas"]["Money"];
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
    GetForecast: {
        parameters: {
            query?: {
                days?: number | string;
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
                    "application/json": components["schemas"]["ForecastResponse"];
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
    GetMenuItemForecast: {
        parameters: {
            query?: {
                days?: number | string;
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
                    "application/json": components["schemas"]["ItemForecastResponse"];
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
    GetLabourForecast: {
        parameters: {
            query?: {
                days?: number | string;
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
                    "application/json": components["schemas"]["LabourResponse"];
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
    GetLabourSettings: {
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
                    "application/json": components["schemas"]["LabourSettingsResponse"];
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
    PutLabourSettings: {
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
                "application/json": components["schemas"]["LabourSettingsBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LabourSettingsResponse"];
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
    ListForecastModels: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number | string;
                target?: string;
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
                    "application/json": components["schemas"]["PageOfModelResponse"];
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
    SetForecastOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OverrideBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverrideResponse"];
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
    RemoveForecastOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                date: string;
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
    ListForecastOverrideLog: {
        parameters: {
            query?: {
                cursor?: string;
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
                    "application/json": components["schemas"]["PageOfOverrideLogResponse"];
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
    RetrainForecast: {
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
                    "application/json": components["schemas"]["RetrainResponse"];
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
    GetMyRecommendations: {
        parameters: {
            query?: {
                take?: number | string;
            };
            header?: never;
            path?: never;
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
                    "application/json": components["schemas"]["RecommendationsResponse"];
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
        };
    };
    GetAlsoOrdered: {
        parameters: {
            query?: {
                take?: number | string;
            };
            header?: never;
            path: {
                menuItemId: string;
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
                    "application/json": components["schemas"]["AlsoOrderedResponse"];
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
}
