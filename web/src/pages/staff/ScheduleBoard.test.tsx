import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, renderAt } from '../../test/render';
import { Schedule } from './ScheduleBoard';

const week = { weekStart: '2030-03-04', shifts: [], days: [], scheduledCost: { amount: 0, currency: 'KRW' }, labourPercent: null };
const employees = [{ id: 'e-1', restaurantId: 'r-1', userId: null, name: '김직원', position: 'hall', employmentType: 'part_time', payKind: 'hourly',
  pay: { amount: 12000, currency: 'KRW' }, weeklyHours: 40, contractStart: '2025-01-01', contractEnd: null, healthCertificateExpiresOn: null,
  healthCertificateExpired: false, status: 'active', version: 1 }];

afterEach(() => vi.unstubAllGlobals());

describe('schedule board', () => {
  it('plans a shift for the chosen employee and shows the field the service refused', async () => {
    const refused = { status: 400, title: 'Invalid', errors: { endTime: ['근무는 최대 16시간입니다.'] } };
    const fetch = fakeFetch(
      { status: 200, body: week },
      { status: 200, body: employees },
      { status: 400, body: refused },
    );
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<Schedule id="r-1" zone="Asia/Seoul" />, '/manage/r-1/staff');

    await userEvent.click(await screen.findByRole('button', { name: '추가' }));

    expect(await screen.findByText('근무는 최대 16시간입니다.')).toBeInTheDocument();
    await waitFor(() => expect(fetch.sent).toHaveLength(3));
    const posted = fetch.sent[2];
    expect(posted.url).toContain('/api/staff/shifts');
    expect(posted.body).toMatchObject({ restaurantId: 'r-1', employeeId: 'e-1', startTime: '09:00', endTime: '18:00', breakMinutes: 60 });
  });
});
