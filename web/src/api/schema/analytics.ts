// Generated from the analytics service's OpenAPI document by `npm run api:generate`; do not edit.
/* eslint-disable */
export interface paths {
    "/api/analytics/platform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bookings, orders, GMV and jobs filled per day across the platform (admins) */
        get: operations["GetPlatform"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/platform/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The platform's days as CSV (admins; UTF-8 with BOM) */
        get: operations["GetPlatformReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/restaurants/{restaurantId}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Visit frequency, RFM segments and monthly cohorts of signed-in guests (owners and managers) */
        get: operations["GetCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/restaurants/{restaurantId}/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A restaurant's numbers over a range of service days (owners and managers) */
        get: operations["GetDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/restaurants/{restaurantId}/menu-engineering": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Menu engineering of the item mix: popularity, margins and quadrants (owners and managers) */
        get: operations["GetMenuEngineering"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/restaurants/{restaurantId}/reports/{report}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A report as CSV (daily, hourly, items, menu, segments, cohorts or seating; UTF-8 with BOM, for spreadsheets) */
        get: operations["GetReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/restaurants/{restaurantId}/seating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Table turn time and RevPASH (owners and managers) */
        get: operations["GetSeating"];
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
        CohortResponse: {
            /** Format: int64 */
            guests: number | string;
            month: string;
            retention: components["schemas"]["RetentionResponse"][];
        };
        CustomersResponse: {
            cohorts: components["schemas"]["CohortResponse"][];
            from: string;
            /** Format: int64 */
            guests: number | string;
            /** Format: uuid */
            restaurantId: string;
            segments: components["schemas"]["SegmentResponse"][];
            to: string;
            /** Format: int64 */
            visits: number | string;
            /** Format: double */
            visitsPerGuest: null | number | string;
        };
        DashboardResponse: {
            byDay: components["schemas"]["DayResponse"][];
            byHour: components["schemas"]["HourResponse"][];
            /** Format: int32 */
            dayStartsAtHour: number | string;
            from: string;
            guests: components["schemas"]["GuestsResponse"];
            /** Format: uuid */
            restaurantId: string;
            timeZone: string;
            to: string;
            topItems: components["schemas"]["ItemResponse"][];
            totals: components["schemas"]["KpiResponse"];
            weekBefore: components["schemas"]["KpiResponse"];
            yearBefore: components["schemas"]["KpiResponse"];
        };
        DayResponse: {
            /** Format: int64 */
            covers: number | string;
            date: string;
            foodCost: components["schemas"]["MoneyResponse"];
            grossSales: components["schemas"]["MoneyResponse"];
            labourCost: components["schemas"]["MoneyResponse"];
            netSales: components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            noShows: number | string;
            /** Format: int64 */
            orders: number | string;
            /** Format: int64 */
            reservations: number | string;
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
        GuestsResponse: {
            /** Format: int64 */
            new: number | string;
            /** Format: int64 */
            returning: number | string;
        };
        HourResponse: {
            /** Format: int64 */
            covers: number | string;
            grossSales: components["schemas"]["MoneyResponse"];
            /** Format: int32 */
            hour: number | string;
            /** Format: int64 */
            orders: number | string;
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
        ItemResponse: {
            category: null | string;
            /** Format: uuid */
            menuItemId: string;
            name: string;
            /** Format: int64 */
            quantity: number | string;
            sales: components["schemas"]["MoneyResponse"];
            /** Format: double */
            sharePercent: null | number | string;
        };
        KpiResponse: {
            averageCheck: null | components["schemas"]["MoneyResponse"];
            averageOrder: null | components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            bookedCovers: number | string;
            /** Format: double */
            cancellationRate: null | number | string;
            /** Format: int64 */
            cancellations: number | string;
            /** Format: int64 */
            completed: number | string;
            /** Format: int64 */
            covers: number | string;
            foodCost: components["schemas"]["MoneyResponse"];
            /** Format: double */
            foodCostPercent: null | number | string;
            grossSales: components["schemas"]["MoneyResponse"];
            labourCost: components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            labourMinutes: number | string;
            /** Format: double */
            labourPercent: null | number | string;
            netSales: components["schemas"]["MoneyResponse"];
            /** Format: double */
            noShowRate: null | number | string;
            /** Format: int64 */
            noShows: number | string;
            /** Format: int64 */
            orders: number | string;
            payments: components["schemas"]["MoneyResponse"];
            refunds: components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            reservations: number | string;
        };
        MenuEngineeringResponse: {
            averageMargin: null | components["schemas"]["MoneyResponse"];
            costKnown: boolean;
            costNote: null | string;
            from: string;
            items: components["schemas"]["MenuItemResponse"][];
            /** Format: double */
            popularityThresholdPercent: number | string;
            /** Format: uuid */
            restaurantId: string;
            to: string;
        };
        MenuItemResponse: {
            category: null | string;
            highMargin: null | boolean;
            /** Format: uuid */
            menuItemId: string;
            /** Format: double */
            mixPercent: number | string;
            name: string;
            popular: boolean;
            quadrant: null | string;
            /** Format: int64 */
            quantity: number | string;
            sales: components["schemas"]["MoneyResponse"];
            totalMargin: null | components["schemas"]["MoneyResponse"];
            unitMargin: null | components["schemas"]["MoneyResponse"];
        };
        MoneyResponse: {
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
        PlatformDayResponse: {
            /** Format: int64 */
            bookings: number | string;
            date: string;
            gmv: components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            jobsFilled: number | string;
            /** Format: int64 */
            orders: number | string;
        };
        PlatformResponse: {
            /** Format: int64 */
            bookings: number | string;
            byDay: components["schemas"]["PlatformDayResponse"][];
            from: string;
            gmv: components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            jobsFilled: number | string;
            /** Format: int64 */
            orders: number | string;
            to: string;
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
        RetentionResponse: {
            /** Format: int64 */
            guests: number | string;
            month: string;
            /** Format: int32 */
            offset: number | string;
            /** Format: double */
            percent: null | number | string;
        };
        SeatingDayResponse: {
            /** Format: int32 */
            averageTurnMinutes: null | number | string;
            /** Format: int64 */
            completed: number | string;
            date: string;
            netSales: components["schemas"]["MoneyResponse"];
            /** Format: double */
            openHours: null | number | string;
            revPash: null | components["schemas"]["MoneyResponse"];
        };
        SeatingResponse: {
            /** Format: int32 */
            averageTurnMinutes: null | number | string;
            byDay: components["schemas"]["SeatingDayResponse"][];
            /** Format: int64 */
            completed: number | string;
            from: string;
            netSales: components["schemas"]["MoneyResponse"];
            /** Format: double */
            openHours: null | number | string;
            /** Format: uuid */
            restaurantId: string;
            revPash: null | components["schemas"]["MoneyResponse"];
            revPashUnavailable: null | string;
            /** Format: int64 */
            seats: number | string;
            to: string;
        };
        SegmentResponse: {
            /** Format: int64 */
            guests: number | string;
            segment: string;
            spend: components["schemas"]["MoneyResponse"];
            spendPerGuest: null | components["schemas"]["MoneyResponse"];
            /** Format: int64 */
            visits: number | string;
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
    GetPlatform: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
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
                    "application/json": components["schemas"]["PlatformResponse"];
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
    GetPlatformReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
    GetCustomers: {
        parameters: {
            query?: {
                from?: string;
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
                    "application/json": components["schemas"]["CustomersResponse"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
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
    GetDashboard: {
        parameters: {
            query?: {
                from?: string;
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
                    "application/json": components["schemas"]["DashboardResponse"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
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
    GetMenuEngineering: {
        parameters: {
            query?: {
                from?: string;
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
                    "application/json": components["schemas"]["MenuEngineeringResponse"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
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
    GetReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                report: string;
                restaurantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
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
    GetSeating: {
        parameters: {
            query?: {
                from?: string;
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
                    "application/json": components["schemas"]["SeatingResponse"];
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
            /** @description The caller's roles or memberships do not allow this. */
            403: {
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
}
