// Generated from the iot service's OpenAPI document by `npm run api:generate`; do not edit.
/* eslint-disable */
export interface paths {
    "/api/iot/{restaurantId}/alarms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The restaurant's alarms, newest first; open=true for the open ones (its people) */
        get: operations["ListAlarms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/alarms/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alarm with the corrective action taken (its people) */
        post: operations["AcknowledgeAlarm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The restaurant's devices with status (its people) */
        get: operations["ListDevices"];
        put?: never;
        /** Register a device and get its MQTT credentials (owner, manager) */
        post: operations["CreateDevice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A device with its status (its people) */
        get: operations["GetDevice"];
        /** Replace a device's name, interval and alarm rule (owner, manager) */
        put: operations["UpdateDevice"];
        post?: never;
        /** Remove a device and its broker user (owner, manager) */
        delete: operations["DeleteDevice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}/commands": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send set_point, defrost or power_off over MQTT; the device acknowledges (owner, manager) */
        post: operations["SendDeviceCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}/commands/{commandId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A command and whether the device acknowledged it (its people) */
        get: operations["GetDeviceCommand"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new MQTT password for the device (owner, manager) */
        post: operations["RotateDeviceCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}/readings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Raw readings or hourly aggregates between two instants (its people) */
        get: operations["GetDeviceReadings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/devices/{id}/telemetry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a reading over HTTP, the fallback to MQTT (its people) */
        post: operations["PostTelemetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/haccp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The HACCP temperature log between two dates of the restaurant (its people) */
        get: operations["GetHaccpLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/haccp/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a temperature check in the HACCP log (its people) */
        post: operations["RecordTemperatureCheck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/{restaurantId}/haccp/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The HACCP temperature log as CSV (its people) */
        get: operations["ExportHaccpLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/iot/devices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Devices of every restaurant the caller belongs to (or of restaurantId), with their status */
        get: operations["ListMyDevices"];
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
        AcknowledgeBody: {
            correctiveAction?: null | string;
            /** Format: double */
            temperature?: null | number | string;
        };
        AlarmResponse: {
            /** Format: date-time */
            acknowledgedAt: null | string;
            /** Format: uuid */
            acknowledgedBy: null | string;
            /** Format: date-time */
            clearedAt: null | string;
            correctiveAction: null | string;
            /** Format: uuid */
            deviceId: string;
            deviceName: string;
            /** Format: date-time */
            escalatedAt: null | string;
            /** Format: uuid */
            id: string;
            kind: string;
            /** Format: date-time */
            raisedAt: string;
            state: string;
            /** Format: double */
            threshold: null | number | string;
            /** Format: double */
            value: null | number | string;
        };
        AlarmsResponse: {
            items: components["schemas"]["AlarmResponse"][];
        };
        CheckBody: {
            /** Format: uuid */
            deviceId?: null | string;
            note?: null | string;
            /** Format: double */
            temperature?: null | number | string;
        };
        CommandBody: {
            type?: null | string;
            /** Format: double */
            value?: null | number | string;
        };
        CommandResponse: {
            /** Format: date-time */
            answeredAt: null | string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deadline: string;
            /** Format: uuid */
            deviceId: string;
            /** Format: uuid */
            id: string;
            message: null | string;
            state: string;
            type: string;
            /** Format: double */
            value: null | number | string;
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
        DeviceBody: {
            /** Format: int32 */
            escalateAfterSeconds?: null | number | string;
            kind?: null | string;
            name?: null | string;
            /** Format: int32 */
            offlineAfterMissed?: null | number | string;
            /** Format: int32 */
            reportingIntervalSeconds?: null | number | string;
            rule?: null | components["schemas"]["RuleBody"];
            /** Format: int32 */
            version?: null | number | string;
        };
        DeviceCreatedResponse: {
            device: components["schemas"]["DeviceResponse"];
            mqtt: components["schemas"]["MqttCredentials"];
        };
        DeviceResponse: {
            /** Format: int64 */
            droppedMessages: number | string;
            /** Format: int32 */
            escalateAfterSeconds: number | string;
            /** Format: uuid */
            id: string;
            kind: string;
            mqttUsername: string;
            name: string;
            /** Format: int32 */
            offlineAfterMissed: number | string;
            /** Format: int32 */
            reportingIntervalSeconds: number | string;
            /** Format: uuid */
            restaurantId: string;
            rule: null | components["schemas"]["RuleResponse"];
            status: components["schemas"]["DeviceStatus"];
            telemetryTopic: string;
            unit: string;
            /** Format: int32 */
            version: number | string;
        };
        DevicesResponse: {
            items: components["schemas"]["DeviceResponse"][];
        };
        DeviceStatus: {
            alarmKind: null | string;
            alarmState: string;
            /** Format: date-time */
            lastSeenAt: null | string;
            /** Format: double */
            lastValue: null | number | string;
            online: boolean;
        };
        HaccpEntryResponse: {
            /** Format: uuid */
            alarmId: null | string;
            /** Format: date-time */
            at: string;
            /** Format: uuid */
            deviceId: null | string;
            deviceName: null | string;
            /** Format: uuid */
            id: string;
            kind: string;
            note: null | string;
            /** Format: uuid */
            recordedBy: null | string;
            /** Format: double */
            temperature: null | number | string;
        };
        HaccpResponse: {
            items: components["schemas"]["HaccpEntryResponse"][];
        };
        HourlyResponse: {
            /** Format: double */
            average: number | string;
            /** Format: int32 */
            count: number | string;
            /** Format: date-time */
            hour: string;
            /** Format: double */
            max: number | string;
            /** Format: double */
            min: number | string;
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
        MqttCredentials: {
            ackTopic: string;
            clientId: string;
            commandsTopic: string;
            host: string;
            password: string;
            /** Format: int32 */
            port: number | string;
            telemetryTopic: string;
            username: string;
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
        ProblemDetails: {
            detail?: null | string;
            instance?: null | string;
            /** Format: int32 */
            status?: null | number | string;
            title?: null | string;
            type?: null | string;
        };
        ReadingResponse: {
            /** Format: date-time */
            at: string;
            /** Format: double */
            value: number | string;
        };
        ReadingsResponse: {
            hourly: components["schemas"]["HourlyResponse"][];
            readings: components["schemas"]["ReadingResponse"][];
            resolution: string;
        };
        RuleBody: {
            /** Format: double */
            clearMargin?: null | number | string;
            /** Format: int32 */
            forReadings?: null | number | string;
            /** Format: int32 */
            forSeconds?: null | number | string;
            kind?: null | string;
            /** Format: double */
            threshold?: null | number | string;
        };
        RuleResponse: {
            /** Format: double */
            clearMargin: number | string;
            /** Format: int32 */
            forReadings: number | string;
            /** Format: int32 */
            forSeconds: number | string;
            kind: string;
            /** Format: double */
            threshold: number | string;
        };
        TelemetryBody: {
            /** Format: date-time */
            at?: null | string;
            /** Format: double */
            value?: null | number | string;
        };
        TelemetryResponse: {
            result: string;
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
    ListAlarms: {
        parameters: {
            query?: {
                limit?: number | string;
                open?: boolean;
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
                    "application/json": components["schemas"]["AlarmsResponse"];
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
    AcknowledgeAlarm: {
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
                "application/json": components["schemas"]["AcknowledgeBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlarmResponse"];
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
    ListDevices: {
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
                    "application/json": components["schemas"]["DevicesResponse"];
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
    CreateDevice: {
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
                "application/json": components["schemas"]["DeviceBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceCreatedResponse"];
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
    GetDevice: {
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
                    "application/json": components["schemas"]["DeviceResponse"];
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
    UpdateDevice: {
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
                "application/json": components["schemas"]["DeviceBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeviceResponse"];
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
    DeleteDevice: {
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
    SendDeviceCommand: {
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
                "application/json": components["schemas"]["CommandBody"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommandResponse"];
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
    GetDeviceCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                commandId: string;
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
                    "application/json": components["schemas"]["CommandResponse"];
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
    RotateDeviceCredentials: {
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
                    "application/json": components["schemas"]["MqttCredentials"];
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
    GetDeviceReadings: {
        parameters: {
            query?: {
                from?: string;
                resolution?: string;
                to?: string;
            };
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
                    "application/json": components["schemas"]["ReadingsResponse"];
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
    PostTelemetry: {
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
                "application/json": components["schemas"]["TelemetryBody"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TelemetryResponse"];
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
    GetHaccpLog: {
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
                    "application/json": components["schemas"]["HaccpResponse"];
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
    RecordTemperatureCheck: {
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
                "application/json": components["schemas"]["CheckBody"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HaccpEntryResponse"];
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
    ExportHaccpLog: {
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
                    "text/csv": string;
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
    ListMyDevices: {
        parameters: {
            query?: {
                restaurantId?: string;
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
                    "application/json": components["schemas"]["DevicesResponse"];
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
        };
    };
}
