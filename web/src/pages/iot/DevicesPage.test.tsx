import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, renderAt } from '../../test/render';
import { Chart, NewDeviceForm } from './DevicesPage';

afterEach(() => vi.unstubAllGlobals());

describe('new device form', () => {
  it('sends the kind’s alarm rule, shows the service’s field errors, then hands back the credentials', async () => {
    const invalid = { status: 400, title: 'Invalid', errors: { 'rule.threshold': ['rule.threshold must be a number between -100 and 1000000.'] } };
    const created = { device: { id: 'd-1', name: '냉동고 2' }, mqtt: { username: 'iot-d1', password: 'secret' } };
    const fetch = fakeFetch({ status: 400, body: invalid }, { status: 201, body: created });
    vi.stubGlobal('fetch', fetch.fn);
    const onAdded = vi.fn();
    renderAt(<NewDeviceForm restaurantId="r-1" onAdded={onAdded} />);

    await userEvent.type(screen.getByLabelText('기기 이름'), '냉동고 2');
    await userEvent.selectOptions(screen.getByLabelText('종류'), 'freezer');
    expect(screen.getByLabelText('기준값')).toHaveValue('-15');
    await userEvent.click(screen.getByRole('button', { name: '등록' }));
    expect(await screen.findByText(/rule.threshold must be a number/)).toBeInTheDocument();
    expect(onAdded).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('기준값'));
    await userEvent.type(screen.getByLabelText('기준값'), '-18');
    await userEvent.click(screen.getByRole('button', { name: '등록' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledWith(created));
    expect(fetch.sent[1].url).toContain('/api/iot/r-1/devices');
    expect(fetch.sent[1].body).toEqual({
      name: '냉동고 2', kind: 'freezer', reportingIntervalSeconds: 60,
      rule: { kind: 'above', threshold: -18, forSeconds: 900, forReadings: 1, clearMargin: 0.5 },
    });
  });

  it('gives a door the door-open rule without a threshold', async () => {
    const fetch = fakeFetch({ status: 201, body: { device: { id: 'd-2', name: '뒷문' }, mqtt: {} } });
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<NewDeviceForm restaurantId="r-1" onAdded={() => undefined} />);

    await userEvent.type(screen.getByLabelText('기기 이름'), '뒷문');
    await userEvent.selectOptions(screen.getByLabelText('종류'), 'door');
    expect(screen.queryByLabelText('기준값')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '등록' }));
    await waitFor(() => expect(fetch.sent).toHaveLength(1));
    expect(fetch.sent[0].body).toMatchObject({ kind: 'door', reportingIntervalSeconds: 30, rule: { kind: 'door_open', threshold: null, forSeconds: 300 } });
  });
});

describe('readings chart', () => {
  it('draws the readings and names their range, or says there is nothing to draw', () => {
    const points = [{ at: '2026-07-01T03:00:00Z', value: 3.1 }, { at: '2026-07-01T03:01:00Z', value: 6.2 }, { at: '2026-07-01T03:02:00Z', value: 4 }];
    const { container } = render(<Chart points={points} unit="°C" threshold={5} zone="Asia/Seoul" />);
    expect(screen.getByRole('img', { name: '최근 측정 3개, 최저 3.1°, 최고 6.2°' })).toBeInTheDocument();
    expect(container.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(container.querySelector('line')).not.toBeNull();
    expect(screen.getByText('12:00')).toBeInTheDocument();

    // A silence longer than the offline window breaks the line: a segment, then a lone reading as a dot.
    const gap = [...points.slice(0, 2), { at: '2026-07-01T03:30:00Z', value: 3 }];
    const split = render(<Chart points={gap} unit="°C" threshold={null} zone="Asia/Seoul" gapMs={300_000} />).container;
    expect(split.querySelectorAll('polyline')).toHaveLength(1);
    expect(split.querySelectorAll('circle')).toHaveLength(1);
    render(<Chart points={points.slice(0, 1)} unit="°C" threshold={null} zone="Asia/Seoul" />);
    expect(screen.getByText('최근 6시간 측정값이 없습니다.')).toBeInTheDocument();
  });
});
