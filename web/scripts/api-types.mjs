// Turns the services' OpenAPI documents (as the gateway serves them at /api/<service>/docs) into the
// TypeScript types under src/api/schema/. Used by `npm run api:generate` and by the end-to-end check
// that the committed types still match what the running services document.
import openapiTS, { astToString } from 'openapi-typescript';

export const services = ['identity', 'restaurants', 'reservations', 'notifications', 'jobs', 'search', 'ordering', 'payments', 'chat', 'inventory', 'staff', 'analytics', 'iot', 'forecasting'];

export async function fetchDocument(baseUrl, service) {
  const response = await fetch(`${baseUrl}/api/${service}/docs`);
  if (!response.ok) throw new Error(`GET /api/${service}/docs answered ${response.status}`);
  const document = await response.json();
  // The servers list names the service's own port, which differs per machine; the types do not need it.
  delete document.servers;
  return document;
}

export async function typesFor(document, service) {
  const ast = await openapiTS(document, { alphabetize: true });
  return `// Generated from the ${service} service's OpenAPI document by \`npm run api:generate\`; do not edit.\n`
    + `/* eslint-disable */\n${astToString(ast)}`;
}
