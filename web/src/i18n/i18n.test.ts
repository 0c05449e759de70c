import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en';
import ko from './ko';
import pagesEn from './pages.en';
import pagesKo from './pages.ko';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const base = (key: string) => key.replace(/_(one|other)$/, '');
const src = join(__dirname, '..');
const files = (dir: string): string[] => readdirSync(dir).flatMap(f => {
  const path = join(dir, f);
  return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(f) && !f.includes('.test.') ? [path] : [];
});
/** The groups of keys a file asks for: t('group.key') and t(`group.${…}`). */
const groupsIn = (file: string) => [...readFileSync(file, 'utf8').matchAll(/\bt\(['`]([a-zA-Z0-9_]+)\./g)].map(m => m[1]);

/** The modules of the first download: main.tsx and what it imports statically (not import()). */
function shell(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolve(dirname(file), m[1]);
      const found = [`${target}.ts`, `${target}.tsx`, join(target, 'index.ts')].find(existsSync);
      if (found) visit(found);
    }
  };
  visit(join(src, 'main.tsx'));
  return [...seen];
}

describe('dictionaries', () => {
  it('have the same keys in Korean and English', () => {
    expect([...new Set(keys(en).map(base))].sort()).toEqual([...new Set(keys(ko).map(base))].sort());
    expect([...new Set(keys(pagesEn).map(base))].sort()).toEqual([...new Set(keys(pagesKo).map(base))].sort());
  });

  it('have every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of files(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of readFileSync(file, 'utf8').matchAll(/'(validation\.[a-zA-Z]+)'/g)) used.add(m[1]);
    }
    const known = new Set([...keys(ko), ...keys(pagesKo)].map(base));
    expect([...used].filter(k => !known.has(k))).toEqual([]);
  });

  it('give the shell (the first download) its strings without the pages\' chunk', () => {
    const modules = shell();
    expect(modules.some(f => f.endsWith('routes.tsx'))).toBe(true);
    const needed = new Set(modules.flatMap(groupsIn));
    expect([...needed].filter(group => !(group in ko)).sort()).toEqual([]);
  });

  it('keep each group in one place', () => {
    expect(Object.keys(ko).filter(group => group in pagesKo)).toEqual([]);
  });
});
