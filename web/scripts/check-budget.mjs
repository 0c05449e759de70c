// The build fails when the JavaScript a first visit downloads (entry + static imports, gzip) outgrows the budget.
// Route pages, SignalR and the rest load on demand and are listed, not budgeted.
import { bundleSizes, kb } from './bundle-sizes.mjs';

export const INITIAL_JS_BUDGET_GZIP = 125 * 1024;

const sizes = bundleSizes(new URL('../dist', import.meta.url).pathname);
console.log(`initial JS ${kb(sizes.initial.gzip)} gzip (${kb(sizes.initial.raw)} raw) of ${kb(INITIAL_JS_BUDGET_GZIP)} budget; CSS ${kb(sizes.css)} gzip`);
for (const r of sizes.routes) console.log(`  route ${r.route.padEnd(34)} +${kb(r.gzip)} gzip`);
for (const r of sizes.lazyOther) console.log(`  lazy  ${r.chunk.padEnd(34)} +${kb(r.gzip)} gzip`);
if (sizes.initial.gzip > INITIAL_JS_BUDGET_GZIP) {
  console.error(`initial JavaScript is over budget by ${kb(sizes.initial.gzip - INITIAL_JS_BUDGET_GZIP)}`);
  process.exit(1);
}
