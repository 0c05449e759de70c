import { describe, expect, it } from 'vitest';
import en from './en';
import ko from './ko';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const base = (key: string) => key.replace(/_(one|other)$/, '');

describe('dictionaries', () => {
  it('have the same keys in Korean and English', () => {
    expect([...new Set(keys(en).map(base))].sort()).toEqual([...new Set(keys(ko).map(base))].sort());
  });

  it('have every key the code asks for', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (dir: string): string[] => readdirSync(dir).flatMap(f => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(f) && !f.includes('.test.') ? [path] : [];
    });
    const used = new Set<string>();
    for (const file of files(join(__dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of readFileSync(file, 'utf8').matchAll(/'(validation\.[a-zA-Z]+)'/g)) used.add(m[1]);
    }
    const known = new Set(keys(ko).map(base));
    expect([...used].filter(k => !known.has(k))).toEqual([]);
  });
});
