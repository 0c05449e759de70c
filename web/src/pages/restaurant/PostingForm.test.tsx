import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { addDays, todayIn } from '../../lib/format';
import { fakeFetch, renderAt } from '../../test/render';
import { PostingForm } from './PostingForm';

afterEach(async () => {
  vi.unstubAllGlobals();
  await changeLanguage('ko');
});

const restaurantId = '0193a3d2-0000-7000-8000-000000000001';

describe('shift posting form', () => {
  it('refuses a wage under the minimum and a missing break in Korean before sending anything', async () => {
    const fetch = fakeFetch();
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<PostingForm restaurantId={restaurantId} onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText('공고 제목'), '저녁 서빙');
    await userEvent.clear(screen.getByLabelText('시급 (원)'));
    await userEvent.type(screen.getByLabelText('시급 (원)'), '9000');
    await userEvent.clear(screen.getByLabelText('휴게 시간 (분, 무급)'));
    await userEvent.type(screen.getByLabelText('휴게 시간 (분, 무급)'), '0');
    await userEvent.click(screen.getByRole('button', { name: '공고 올리기' }));

    expect(screen.getByLabelText('시급 (원)')).toHaveAccessibleDescription(/최저시급 10,320원보다 낮습니다/);
    expect(screen.getByLabelText('휴게 시간 (분, 무급)')).toHaveAccessibleDescription(/30분 이상 필요합니다/);
    expect(fetch.sent).toHaveLength(0);
  });

  it('says the same in English', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', fakeFetch().fn);
    renderAt(<PostingForm restaurantId={restaurantId} onDone={() => undefined} />);
    await userEvent.clear(screen.getByLabelText('Hourly wage (KRW)'));
    await userEvent.type(screen.getByLabelText('Hourly wage (KRW)'), '9000');
    await userEvent.click(screen.getByRole('button', { name: 'Post the shift' }));

    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByText(/Below the 20\d\d minimum wage of 10,320 KRW an hour/)).toBeInTheDocument();
  });

  it('sends a valid posting and shows a field the service refused', async () => {
    const fetch = fakeFetch({ status: 400, body: { title: 'Bad', status: 400, errors: { headcount: ['headcount must be between 1 and 50.'] } } });
    vi.stubGlobal('fetch', fetch.fn);
    const done = vi.fn();
    renderAt(<PostingForm restaurantId={restaurantId} onDone={done} />);
    await userEvent.type(screen.getByLabelText('공고 제목'), '주말 설거지');
    await userEvent.selectOptions(screen.getByLabelText('직무'), 'dishwashing');
    await userEvent.click(screen.getByRole('checkbox', { name: '보건증' }));
    await userEvent.selectOptions(screen.getByLabelText('채용 방식'), 'auto');
    await userEvent.click(screen.getByRole('button', { name: '공고 올리기' }));

    await waitFor(() => expect(screen.getByText('headcount must be between 1 and 50.')).toBeInTheDocument());
    expect(fetch.sent[0].url).toMatch(/\/api\/jobs$/);
    expect(fetch.sent[0].body).toMatchObject({
      restaurantId, title: '주말 설거지', category: 'dishwashing', date: addDays(todayIn(), 1), startTime: '18:00', endTime: '22:00',
      hourlyWage: { amount: 12000, currency: 'KRW' }, headcount: 1, breakMinutes: 30, requirements: ['health_certificate'], bookingMode: 'auto',
    });
    expect(done).not.toHaveBeenCalled();
  });
});
