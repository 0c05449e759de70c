// npm run api:generate [-- http://127.0.0.1:5000]: regenerates src/api/schema/*.ts from a running gateway.
import { writeFile } from 'node:fs/promises';
import { fetchDocument, services, typesFor } from './api-types.mjs';

const offset = Number(process.env.BRIGADE_PORT_OFFSET ?? 0);
const baseUrl = process.argv[2] ?? process.env.BRIGADE_WEB_URL ?? `http://127.0.0.1:${5000 + offset}`;
for (const service of services) {
  const file = new URL(`../src/api/schema/${service}.ts`, import.meta.url);
  await writeFile(file, await typesFor(await fetchDocument(baseUrl, service), service));
  console.log(`src/api/schema/${service}.ts`);
}
