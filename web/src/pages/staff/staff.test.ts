import { describe, expect, it } from 'vitest';
import { hoursAndMinutes, mondayOf, previousMonth } from './StaffBits';

describe('staff helpers', () => {
  it('finds the Monday of a week (weeks run Monday to Sunday)', () => {
    expect(mondayOf('2026-11-02')).toBe('2026-11-02');
    expect(mondayOf('2026-11-08')).toBe('2026-11-02');
    expect(mondayOf('2026-11-01')).toBe('2026-10-26');
  });
  it('writes worked time in both languages', () => {
    expect(hoursAndMinutes(510, 'ko')).toBe('8시간 30분');
    expect(hoursAndMinutes(480, 'en')).toBe('8 h');
    expect(hoursAndMinutes(0, 'en')).toBe('0 min');
  });
  it('steps back a month across the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});

describe('staff strings', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value !== 'object' || value === null ? [prefix] : Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  it('have the same keys in Korean and English', async () => {
    const { staffEn, staffKo } = await import('./strings');
    expect(keys(staffEn).sort()).toEqual(keys(staffKo).sort());
  });
  it('have every key the staff pages ask for', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { staffKo } = await import('./strings');
    const known = new Set(keys(staffKo).map(k => k.replace(/_(one|other)$/, '')));
    const used = readdirSync(__dirname).filter(f => f.endsWith('.tsx'))
      .flatMap(f => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/\bs\('([a-zA-Z0-9_.]+)'/g)].map(m => m[1]));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter(k => !known.has(k))).toEqual([]);
  });
});
