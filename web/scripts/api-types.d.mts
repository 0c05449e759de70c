export const services: string[];
export function fetchDocument(baseUrl: string, service: string): Promise<Record<string, unknown>>;
export function typesFor(document: Record<string, unknown>, service: string): Promise<string>;
