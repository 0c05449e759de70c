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
