import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en, ko } from './strings';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('inventory words', () => {
  it('have the same keys in Korean and English, and every key the pages ask for', () => {
    expect(keys(en).sort()).toEqual(keys(ko).sort());
    const known = new Set(keys(ko));
    const used = readdirSync(__dirname).filter(f => f.endsWith('.tsx') && !f.includes('.test.'))
      .flatMap(f => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/\btx\('([a-zA-Z0-9_.]+)'/g)].map(m => m[1]));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter(k => !known.has(k))).toEqual([]);
    // Keys built at run time: sections, count kinds, statuses, cost figures.
    for (const group of ['section', 'kind', 'status', 'cost']) expect([...known].some(k => k.startsWith(`${group}.`))).toBe(true);
  });
});
