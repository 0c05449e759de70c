// Generated from the search service's OpenAPI document by `npm run api:generate`; do not edit.
/* eslint-disable */
export interface paths {
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search restaurants (with their menus) and jobs in Korean or English: typos, 초성 (ㄱㅂ), romanisation (galbi), synonyms; filters, distance, facets, highlights */
        get: operations["Search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search open shift postings (as GET /api/search?type=job): category, wage, date, distance */
        get: operations["SearchJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/reindex": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest rebuild of this replica's index (admin) */
        get: operations["ReindexStatus"];
        put?: never;
        /** Rebuild this replica's index from the restaurants and jobs services, aside, then swap it in (admin) */
        post: operations["Reindex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Autocomplete as a person types (prefix, 초성, romanised), and popular queries when q is empty */
        get: operations["Suggest"];
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
        GeoLocation: {
            /** Format: double */
            lat: number | string;
            /** Format: double */
            lng: number | string;
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
        JobHit: {
            address: string;
            category: string;
            date: string;
            /** Format: date-time */
            end: string;
            /** Format: int32 */
            filled: number | string;
            /** Format: int32 */
            headcount: number | string;
            hourlyWage: components["schemas"]["Money"];
            /** Format: uuid */
            id: string;
            location: components["schemas"]["GeoLocation"];
            /** Format: uuid */
            restaurantId: string;
            restaurantName: string;
            /** Format: date-time */
            start: string;
            title: string;
        };
        MenuMatch: {
            highlight: string;
            /** Format: uuid */
            id: string;
            name: string;
            price: components["schemas"]["Money"];
            soldOut: boolean;
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
        /** @description RFC 9457 problem details; detail is in the caller's language (Accept-Language: ko or en). */
        ProblemDetails: {
            /** @description A stable machine-readable reason, when there is one. */
            code?: null | string;
            detail?: null | string;
            errors?: null | {
                [key: string]: string[];
            };
            instance?: null | string;
            /** Format: int32 */
            status?: null | number;
            title?: null | string;
            traceId?: null | string;
            type?: null | string;
        };
        ReindexRun: {
            error: null | string;
            /** Format: date-time */
            finishedAt: null | string;
            /** Format: uuid */
            id: string;
            /** Format: int32 */
            jobs: null | number | string;
            jobsSource: null | string;
            reason: string;
            /** Format: date-time */
            requestedAt: string;
            /** Format: int32 */
            restaurants: null | number | string;
            /** Format: date-time */
            startedAt: null | string;
            state: string;
        };
        RestaurantHit: {
            address: string;
            cuisine: string;
            distinction: null | string;
            /** Format: uuid */
            id: string;
            location: components["schemas"]["GeoLocation"];
            matchedMenu: components["schemas"]["MenuMatch"][];
            name: string;
            nameEn: null | string;
            openNow: boolean;
            /** Format: int32 */
            priceRange: null | number | string;
            timeZone: string;
        };
        SearchHit: {
            /** Format: double */
            distanceKm: null | number | string;
            highlights: {
                [key: string]: string;
            };
            /** Format: uuid */
            id: string;
            job: null | components["schemas"]["JobHit"];
            restaurant: null | components["schemas"]["RestaurantHit"];
            /** Format: double */
            score: number | string;
            type: string;
        };
        SearchResponse: {
            facets: {
                [key: string]: {
                    [key: string]: number | string;
                };
            };
            items: components["schemas"]["SearchHit"][];
            nextCursor: null | string;
            relaxed: boolean;
            /** Format: int32 */
            total: number | string;
        };
        Suggestion: {
            /** Format: uuid */
            id: null | string;
            kind: string;
            text: string;
            /** Format: int32 */
            weight: number | string;
        };
        SuggestionsResponse: {
            items: components["schemas"]["Suggestion"][];
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
    Search: {
        parameters: {
            query?: {
                category?: string;
                cuisine?: string;
                cursor?: string;
                date?: string;
                dateFrom?: string;
                dateTo?: string;
                limit?: number | string;
                maxWage?: number | string;
                minWage?: number | string;
                near?: string;
                openNow?: boolean;
                priceMax?: number | string;
                priceMin?: number | string;
                q?: string;
                radiusKm?: number | string;
                sort?: string;
                type?: string;
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
                    "application/json": components["schemas"]["SearchResponse"];
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
        };
    };
    SearchJobs: {
        parameters: {
            query?: {
                category?: string;
                cuisine?: string;
                cursor?: string;
                date?: string;
                dateFrom?: string;
                dateTo?: string;
                limit?: number | string;
                maxWage?: number | string;
                minWage?: number | string;
                near?: string;
                openNow?: boolean;
                priceMax?: number | string;
                priceMin?: number | string;
                q?: string;
                radiusKm?: number | string;
                sort?: string;
                type?: string;
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
                    "application/json": components["schemas"]["SearchResponse"];
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
        };
    };
    ReindexStatus: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["ReindexRun"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    Reindex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReindexRun"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    Suggest: {
        parameters: {
            query?: {
                limit?: number | string;
                q?: string;
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
                    "application/json": components["schemas"]["SuggestionsResponse"];
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
        };
    };
}
