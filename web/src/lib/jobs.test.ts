import { describe, expect, it } from 'vitest';
import { breakShortfall, minimumWage, postingErrors, scheduledPay, shiftMinutes, type PostingValues } from './jobs';

const valid: PostingValues = {
  title: '저녁 서빙', category: 'serving', date: '2026-12-24', startTime: '18:00', endTime: '22:00', wage: '12000', headcount: '2',
  breakMinutes: '30', description: '', dressCode: '', contactName: '', contactPhone: '', requirements: [], bookingMode: 'manual', favouritesFirstMinutes: '30',
};

describe('posting rules', () => {
  it('uses the minimum wage of the shift year', () => {
    expect(minimumWage(2025)).toBe(10030);
    expect(minimumWage(2026)).toBe(10320);
    expect(minimumWage(2027)).toBe(10320);
    expect(postingErrors({ ...valid, wage: '10319' }, '2026-12-01').wage).toEqual({ key: 'posting.belowMinimum', values: { year: 2026, minimum: '10,320' } });
    expect(postingErrors({ ...valid, wage: '10320' }, '2026-12-01').wage).toBeUndefined();
  });

  it('asks for the statutory break and ends after midnight when the end is earlier', () => {
    expect(shiftMinutes('20:00', '02:00')).toBe(360);
    expect(breakShortfall(240, 0)).toBe(30);
    expect(breakShortfall(540, 30)).toBe(60);
    expect(postingErrors({ ...valid, breakMinutes: '0' }, '2026-12-01').breakMinutes).toEqual({ key: 'posting.breakShort', values: { needed: 30 } });
    expect(scheduledPay(240, 30, 12000)).toBe(42000);
  });

  it('refuses a past date, a bad headcount and a too-short shift', () => {
    const errors = postingErrors({ ...valid, date: '2026-11-30', headcount: '0', endTime: '18:30' }, '2026-12-01');
    expect(Object.keys(errors).sort()).toEqual(['date', 'endTime', 'headcount']);
  });
});
