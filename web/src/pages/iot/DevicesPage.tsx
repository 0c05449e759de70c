// A restaurant's kitchen devices (/manage/:id/devices): live readings on /hubs/iot with a small chart of the last hours,
// alarms acknowledged with the corrective action taken, the HACCP temperature log (CSV), and for owners and managers
// registering devices and rotating their MQTT credentials. The service decides who may do what.
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, ok, type IoTApi } from '../../api/client';
import { session, useSession } from '../../api/session';
import { Badge, Button, Card, Empty, ErrorText, Field, Spinner, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDateTime, formatTime, todayIn } from '../../lib/format';
import { useHub } from '../../lib/hub';
import { useLoad, type Load } from '../../lib/useLoad';
import { RestaurantShell } from '../restaurant/RestaurantShell';

type Device = IoTApi['DeviceResponse'];
type Alarm = IoTApi['AlarmResponse'];
type Credentials = IoTApi['MqttCredentials'];
type Point = { at: string; value: number };
type Section = 'devices' | 'alarms' | 'haccp';

/** How far back a device's chart reaches. */
const ChartHours = 6;
const kinds = ['fridge', 'freezer', 'fryer', 'dishwasher', 'door', 'energy_meter'] as const;

export default function DevicesPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <IoT restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

function useIsManager(restaurantId: string) {
  const { user } = useSession();
  return !!user && (user.roles.includes('admin') || user.memberships.some(m => m.restaurantId === restaurantId && (m.role === 'owner' || m.role === 'manager')));
}

function IoT({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t } = useT();
  const [section, setSection] = useState<Section>('devices');
  const [live, setLive] = useState<Record<string, Point[]>>({});
  const devices = useLoad(() => ok(api.GET('/api/iot/{restaurantId}/devices', { params: { path: { restaurantId } } })), [restaurantId]);
  const alarms = useLoad(() => ok(api.GET('/api/iot/{restaurantId}/alarms', { params: { path: { restaurantId }, query: { limit: 100 } } })), [restaurantId]);
  const state = useHub('/hubs/iot', {
    reading: (r: { deviceId: string; value: number; at: string }) => setLive(all => ({ ...all, [r.deviceId]: [...(all[r.deviceId] ?? []), { at: r.at, value: Number(r.value) }] })),
    // An alarm changes the device's state too: both are read again (a handful of rows).
    alarm: () => void Promise.all([devices.reload(), alarms.reload()]),
  }, async connection => {
    await connection.invoke('Watch', restaurantId);
    await Promise.all([devices.reload(), alarms.reload()]);
  });
  const open = (alarms.data?.items ?? []).filter(a => a.state !== 'cleared' && a.state !== 'acknowledged').length;
  const sections: Section[] = ['devices', 'alarms', 'haccp'];
  return (
    <div className="space-y-4">
      <h2 className="sr-only">{t('iot.tab')}</h2>
      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label={t('iot.sections')} className="flex flex-wrap gap-2">
          {sections.map(s => (
            <button key={s} role="tab" aria-selected={section === s} onClick={() => setSection(s)}
              className={cx('rounded-full px-4 py-1.5 text-sm font-semibold', section === s ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-700 hover:bg-stone-200')}>
              {t(`iot.section.${s}`)}{s === 'alarms' && open > 0 && <span className="ml-1.5 rounded-full bg-red-600 px-1.5 text-xs text-white tabular">{open}</span>}
            </button>
          ))}
        </div>
        <span className="ml-auto flex items-center gap-2 text-sm text-stone-600" data-testid="live-state" data-state={state}>
          <span className={cx('size-2.5 rounded-full', state === 'live' ? 'bg-emerald-500' : 'bg-stone-400')} aria-hidden="true" />{t(`live.${state}`)}
        </span>
      </div>
      {section === 'devices' && (
        <>
          <ErrorText error={devices.error} />
          {!devices.data ? <Spinner label={t('common.loading')} /> : <Devices restaurantId={restaurantId} zone={zone} devices={devices.data.items} live={live} onChanged={() => void devices.reload()} />}
        </>
      )}
      {section === 'alarms' && <Alarms restaurantId={restaurantId} zone={zone} alarms={alarms} />}
      {section === 'haccp' && <Haccp restaurantId={restaurantId} zone={zone} devices={devices.data?.items ?? []} />}
    </div>
  );
}

/** A value as people read it: doors open or closed, temperatures with one decimal, watts whole. */
function useValue() {
  const { t } = useT();
  return (value: number | string | null | undefined, unit: string) => {
    if (value == null) return '—';
    const n = Number(value);
    if (unit === 'open') return n >= 0.5 ? t('iot.door.open') : t('iot.door.closed');
    return unit === 'W' ? `${Math.round(n).toLocaleString()} W` : `${n.toFixed(1)} ${unit}`;
  };
}

function Devices({ restaurantId, zone, devices, live, onChanged }: { restaurantId: string; zone: string; devices: Device[]; live: Record<string, Point[]>; onChanged: () => void }) {
  const { t } = useT();
  const manager = useIsManager(restaurantId);
  const [credentials, setCredentials] = useState<{ device: string; mqtt: Credentials } | null>(null);
  return (
    <div className="space-y-4">
      {credentials && <CredentialsPanel device={credentials.device} mqtt={credentials.mqtt} onClose={() => setCredentials(null)} />}
      {devices.length === 0 ? <Empty title={t('iot.none')}>{t('iot.noneHint')}</Empty> : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t('iot.section.devices')}>
          {devices.map(d => <DeviceCard key={d.id} device={d} zone={zone} live={live[d.id] ?? []} manager={manager}
            onCredentials={mqtt => setCredentials({ device: d.name, mqtt })} />)}
        </ul>
      )}
      {manager && <NewDeviceForm restaurantId={restaurantId} onAdded={created => { setCredentials({ device: created.device.name, mqtt: created.mqtt }); onChanged(); }} />}
    </div>
  );
}

function DeviceCard({ device, zone, live, manager, onCredentials }: { device: Device; zone: string; live: Point[]; manager: boolean; onCredentials: (mqtt: Credentials) => void }) {
  const { t, lang } = useT();
  const show = useValue();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [since] = useState(() => new Date(Date.now() - ChartHours * 3_600_000).toISOString());
  const history = useLoad(() => ok(api.GET('/api/iot/{restaurantId}/devices/{id}/readings', {
    params: { path: { restaurantId: device.restaurantId, id: device.id }, query: { from: since, resolution: 'raw' } },
  })), [device.id, since]);
  // The stored history, then what arrived live since it was read (a reading in both counts once).
  const points = new Map<string, Point>();
  for (const r of history.data?.readings ?? []) points.set(new Date(r.at).toISOString(), { at: r.at, value: Number(r.value) });
  for (const r of live) points.set(new Date(r.at).toISOString(), r);
  const series = [...points.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, p]) => p);
  const latest = series.at(-1);
  const value = latest?.value ?? device.status.lastValue;
  const lastSeen = latest?.at ?? device.status.lastSeenAt;
  const alarm = device.status.alarmState;
  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      onCredentials(await ok(api.POST('/api/iot/{restaurantId}/devices/{id}/credentials', { params: { path: { restaurantId: device.restaurantId, id: device.id } } })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card as="li" className={cx((alarm === 'raised' || alarm === 'escalated') && 'outline-2 outline-red-500')}>
      <div data-testid="device" data-device={device.id} data-alarm={alarm}>
        <div className="flex items-start justify-between gap-2">
          <div>
            <h3 className="font-bold">{device.name}</h3>
            <p className="text-sm text-stone-600">{t(`iot.kind.${device.kind}`)}</p>
          </div>
          <div className="flex flex-wrap justify-end gap-1">
            <Badge tone={device.status.online ? 'green' : 'neutral'}>{t(device.status.online ? 'iot.online' : 'iot.offline')}</Badge>
            {alarm !== 'ok' && <Badge tone={alarm === 'acknowledged' ? 'amber' : 'red'}>{t(`iot.alarmState.${alarm}`)}</Badge>}
          </div>
        </div>
        <p className="mt-2 text-3xl font-bold tabular" data-testid="device-value">{show(value, device.unit)}</p>
        <p className="text-sm text-stone-600">
          {lastSeen ? t('iot.lastSeen', { time: formatTime(lastSeen, zone, lang) }) : t('iot.neverSeen')}
          {device.rule && device.rule.kind !== 'door_open' && <> · {t(`iot.ruleSummary.${device.rule.kind}`, { threshold: show(device.rule.threshold, device.unit) })}</>}
        </p>
        <Chart points={series} unit={device.unit} threshold={device.rule && device.rule.kind !== 'door_open' ? Number(device.rule.threshold) : null} zone={zone}
          gapMs={Number(device.reportingIntervalSeconds) * Number(device.offlineAfterMissed) * 1000} />
        {Number(device.droppedMessages) > 0 && <p className="mt-1 text-xs text-amber-800">{t('iot.dropped', { count: Number(device.droppedMessages) })}</p>}
        {manager && (
          <div className="mt-3 border-t border-stone-100 pt-3">
            <ErrorText error={error} />
            <Button size="sm" variant="secondary" busy={busy} onClick={() => void rotate()}>{t('iot.rotate')}</Button>
          </div>
        )}
      </div>
    </Card>
  );
}

/** The last hours of a device as a line, its threshold dashed; the labels are HTML under the stretched SVG. */
export function Chart({ points, unit, threshold, zone, gapMs = Infinity }: { points: Point[]; unit: string; threshold: number | null; zone: string; gapMs?: number }) {
  const { t, lang } = useT();
  if (points.length < 2) return <p className="mt-3 text-sm text-stone-500">{t('iot.noReadings')}</p>;
  const times = points.map(p => new Date(p.at).getTime());
  const values = points.map(p => p.value);
  const lo = Math.min(...values, threshold ?? Infinity);
  const hi = Math.max(...values, threshold ?? -Infinity);
  const pad = (hi - lo) * 0.1 || 1;
  const [min, max] = [lo - pad, hi + pad];
  const [t0, t1] = [times[0], Math.max(times.at(-1)!, times[0] + 1)];
  const x = (ms: number) => ((ms - t0) / (t1 - t0)) * 300;
  const y = (v: number) => 80 - ((v - min) / (max - min)) * 80;
  // A silence longer than the device's offline window breaks the line rather than bridging it.
  const lines: string[][] = [];
  points.forEach((p, i) => {
    if (i === 0 || times[i] - times[i - 1] > gapMs) lines.push([]);
    lines.at(-1)!.push(`${x(times[i]).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  const fmt = (v: number) => unit === 'open' ? String(v) : `${v.toFixed(1)}${unit === '°C' ? '°' : ` ${unit}`}`;
  return (
    <figure className="mt-3">
      <svg viewBox="0 0 300 80" preserveAspectRatio="none" className="h-20 w-full" role="img"
        aria-label={t('iot.chartLabel', { count: points.length, min: fmt(Math.min(...values)), max: fmt(Math.max(...values)) })}>
        {threshold != null && <line x1="0" x2="300" y1={y(threshold)} y2={y(threshold)} stroke="#dc2626" strokeDasharray="4 3" strokeWidth="1" vectorEffect="non-scaling-stroke" />}
        {lines.map(line => line.length === 1
          ? <circle key={line[0]} cx={line[0].split(',')[0]} cy={line[0].split(',')[1]} r="1.5" fill="#0f766e" />
          : <polyline key={line[0]} points={line.join(' ')} fill="none" stroke="#0f766e" strokeWidth="2" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />)}
      </svg>
      <figcaption className="flex justify-between text-xs text-stone-500 tabular">
        <span>{formatTime(points[0].at, zone, lang)}</span>
        <span>{t('iot.range', { min: fmt(Math.min(...values)), max: fmt(Math.max(...values)) })}</span>
        <span>{formatTime(points.at(-1)!.at, zone, lang)}</span>
      </figcaption>
    </figure>
  );
}

/** The MQTT user, password and topics of a device; the password is shown only this once. */
function CredentialsPanel({ device, mqtt, onClose }: { device: string; mqtt: Credentials; onClose: () => void }) {
  const { t } = useT();
  const rows: [string, string][] = [
    ['host', `${mqtt.host}:${mqtt.port}`], ['username', mqtt.username], ['password', mqtt.password], ['clientId', mqtt.clientId],
    ['telemetryTopic', mqtt.telemetryTopic], ['ackTopic', mqtt.ackTopic], ['commandsTopic', mqtt.commandsTopic],
  ];
  return (
    <Card className="border-l-4 border-amber-500" >
      <div role="region" aria-label={t('iot.credentials.title', { device })}>
        <h3 className="font-bold">{t('iot.credentials.title', { device })}</h3>
        <p className="text-sm text-amber-800">{t('iot.credentials.once')}</p>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-stone-600">{t(`iot.credentials.${key}`)}</dt>
              <dd className="font-mono break-all" data-testid={`mqtt-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
        <Button className="mt-3" size="sm" variant="secondary" onClick={onClose}>{t('iot.credentials.done')}</Button>
      </div>
    </Card>
  );
}

const defaults: Record<string, { interval: number; rule: string; threshold: string; forSeconds: string }> = {
  fridge: { interval: 60, rule: 'above', threshold: '5', forSeconds: '900' },
  freezer: { interval: 60, rule: 'above', threshold: '-15', forSeconds: '900' },
  fryer: { interval: 30, rule: 'above', threshold: '190', forSeconds: '120' },
  dishwasher: { interval: 60, rule: 'below', threshold: '60', forSeconds: '300' },
  door: { interval: 30, rule: 'door_open', threshold: '', forSeconds: '300' },
  energy_meter: { interval: 60, rule: '', threshold: '', forSeconds: '0' },
};

/** Register a device with its alarm rule (owners and managers); its MQTT password is shown once after. */
export function NewDeviceForm({ restaurantId, onAdded }: { restaurantId: string; onAdded: (created: IoTApi['DeviceCreatedResponse']) => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('fridge');
  const [every, setEvery] = useState('60');
  const [rule, setRule] = useState('above');
  const [threshold, setThreshold] = useState('5');
  const [forSeconds, setForSeconds] = useState('900');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const pick = (next: string) => {
    const d = defaults[next];
    setKind(next);
    setEvery(String(d.interval));
    setRule(d.rule);
    setThreshold(d.threshold);
    setForSeconds(d.forSeconds);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await ok(api.POST('/api/iot/{restaurantId}/devices', {
        params: { path: { restaurantId } },
        body: draft<IoTApi['DeviceBody']>({
          name: name.trim(), kind, reportingIntervalSeconds: Number(every),
          rule: rule ? draft<IoTApi['RuleBody']>({ kind: rule, threshold: rule === 'door_open' ? null : Number(threshold), forSeconds: Number(forSeconds), forReadings: 1, clearMargin: rule === 'door_open' ? 0 : 0.5 }) : null,
        }),
      }));
      setName('');
      onAdded(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3" aria-labelledby="new-device">
        <h3 id="new-device" className="text-lg font-bold sm:col-span-3">{t('iot.add.title')}</h3>
        <Field label={t('iot.add.name')} error={fields.name}><input required value={name} onChange={e => setName(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('iot.add.kind')} error={fields.kind}>
          <select value={kind} onChange={e => pick(e.target.value)} className={inputStyle}>
            {kinds.map(k => <option key={k} value={k}>{t(`iot.kind.${k}`)}</option>)}
          </select>
        </Field>
        <Field label={t('iot.add.interval')} error={fields.reportingIntervalSeconds}>
          <input required inputMode="numeric" value={every} onChange={e => setEvery(e.target.value)} className={inputStyle} />
        </Field>
        <Field label={t('iot.add.rule')}>
          <select value={rule} onChange={e => setRule(e.target.value)} className={inputStyle}>
            <option value="">{t('iot.add.noRule')}</option>
            {(kind === 'door' ? ['door_open'] : ['above', 'below']).map(r => <option key={r} value={r}>{t(`iot.add.ruleKind.${r}`)}</option>)}
          </select>
        </Field>
        {rule && rule !== 'door_open' && (
          <Field label={t('iot.add.threshold')} error={fields.threshold}>
            <input required inputMode="decimal" value={threshold} onChange={e => setThreshold(e.target.value)} className={inputStyle} />
          </Field>
        )}
        {rule && (
          <Field label={t('iot.add.forSeconds')} error={fields.forSeconds}>
            <input required inputMode="numeric" value={forSeconds} onChange={e => setForSeconds(e.target.value)} className={inputStyle} />
          </Field>
        )}
        <div className="sm:col-span-3">
          {!(error instanceof ApiError && error.status === 400) && <ErrorText error={error} />}
          <Button type="submit" busy={busy}>{t('iot.add.submit')}</Button>
        </div>
      </form>
    </Card>
  );
}

function Alarms({ restaurantId, zone, alarms }: { restaurantId: string; zone: string; alarms: Load<IoTApi['AlarmsResponse']> }) {
  const { t } = useT();
  const [openOnly, setOpenOnly] = useState(false);
  if (!alarms.data) return alarms.error ? <ErrorText error={alarms.error} /> : <Spinner label={t('common.loading')} />;
  const items = alarms.data.items.filter(a => !openOnly || !a.correctiveAction);
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-2 text-[15px]">
        <input type="checkbox" checked={openOnly} onChange={e => setOpenOnly(e.target.checked)} /> {t('iot.alarms.needsAction')}
      </label>
      {items.length === 0 ? <Empty title={t('iot.alarms.none')} /> : (
        <ul className="space-y-3" aria-label={t('iot.section.alarms')}>
          {items.map(a => <AlarmCard key={a.id} restaurantId={restaurantId} zone={zone} alarm={a} onDone={alarms.reload} />)}
        </ul>
      )}
    </div>
  );
}

function AlarmCard({ restaurantId, zone, alarm, onDone }: { restaurantId: string; zone: string; alarm: Alarm; onDone: () => Promise<void> }) {
  const { t, lang } = useT();
  const [action, setAction] = useState('');
  const [temperature, setTemperature] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const active = alarm.state === 'raised' || alarm.state === 'escalated';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/iot/{restaurantId}/alarms/{id}/acknowledge', {
        params: { path: { restaurantId, id: alarm.id } },
        body: draft<IoTApi['AcknowledgeBody']>({ correctiveAction: action.trim(), temperature: temperature.trim() ? Number(temperature) : null }),
      }));
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const tone = active ? 'red' : alarm.state === 'acknowledged' ? 'amber' : 'green';
  return (
    <Card as="li" className={cx(active && 'outline-2 outline-red-500')}>
      <div data-testid="alarm" data-state={alarm.state}>
        <div className="flex flex-wrap items-center gap-2">
          <p className="font-semibold">{alarm.deviceName}</p>
          <Badge tone={tone}>{t(`iot.alarmState.${alarm.state}`)}</Badge>
          <span className="ml-auto text-sm text-stone-600 tabular">{formatDateTime(alarm.raisedAt, zone, lang)}</span>
        </div>
        <p className="mt-1 text-[15px]">
          {t(`iot.alarmKind.${alarm.kind}`)}
          {alarm.value != null && alarm.kind !== 'door_open' && alarm.kind !== 'offline' && <> · {t('iot.alarms.valueOver', { value: Number(alarm.value).toFixed(1), threshold: Number(alarm.threshold).toFixed(1) })}</>}
        </p>
        {alarm.clearedAt && <p className="text-sm text-stone-600">{t('iot.alarms.clearedAt', { time: formatDateTime(alarm.clearedAt, zone, lang) })}</p>}
        {alarm.correctiveAction ? (
          <p className="mt-2 rounded-lg bg-stone-50 p-2 text-sm"><span className="font-semibold">{t('iot.alarms.action')}</span> {alarm.correctiveAction}</p>
        ) : (
          <form onSubmit={submit} className="mt-3 grid gap-2 sm:grid-cols-[1fr_9rem_auto] sm:items-end" aria-label={t('iot.alarms.acknowledge')}>
            <Field label={t('iot.alarms.action')} error={fields.correctiveAction}>
              <input required value={action} onChange={e => setAction(e.target.value)} placeholder={t('iot.alarms.actionPlaceholder')} className={inputStyle} />
            </Field>
            <Field label={t('iot.alarms.measured')} error={fields.temperature}>
              <input inputMode="decimal" value={temperature} onChange={e => setTemperature(e.target.value)} className={inputStyle} />
            </Field>
            <Button type="submit" busy={busy}>{t('iot.alarms.acknowledge')}</Button>
            {!(error instanceof ApiError && error.status === 400) && <div className="sm:col-span-3"><ErrorText error={error} /></div>}
          </form>
        )}
      </div>
    </Card>
  );
}

function Haccp({ restaurantId, zone, devices }: { restaurantId: string; zone: string; devices: Device[] }) {
  const { t, lang } = useT();
  const to = todayIn(zone);
  const [from, setFrom] = useState(addDays(to, -6));
  const log = useLoad(() => ok(api.GET('/api/iot/{restaurantId}/haccp', { params: { path: { restaurantId }, query: { from, to } } })), [restaurantId, from, to]);
  const [error, setError] = useState<unknown>(null);
  const csv = async () => {
    // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
    setError(null);
    try {
      const token = await session.accessToken();
      const response = await fetch(`/api/iot/${restaurantId}/haccp/export?from=${from}&to=${to}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new ApiError(response.status, null);
      const url = URL.createObjectURL(await response.blob());
      const a = Object.assign(document.createElement('a'), { href: url, download: `haccp-${from}-${to}.csv` });
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label={t('iot.haccp.from')}>
          <input type="date" value={from} max={to} onChange={e => e.target.value && setFrom(e.target.value)} className={inputStyle} />
        </Field>
        <Button variant="secondary" onClick={() => void csv()}>{t('iot.haccp.csv')}</Button>
      </div>
      <ErrorText error={error ?? log.error} />
      {!log.data ? <Spinner label={t('common.loading')} /> : log.data.items.length === 0 ? <Empty title={t('iot.haccp.none')} /> : (
        <Card flush className="overflow-x-auto">
          <table className="w-full text-left text-[15px]">
            <caption className="sr-only">{t('iot.section.haccp')}</caption>
            <thead className="border-b border-stone-200 text-sm text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t('iot.haccp.time')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('iot.haccp.device')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('iot.haccp.temperature')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('iot.haccp.note')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {log.data.items.map(e => (
                <tr key={e.id}>
                  <td className="px-4 py-3 tabular whitespace-nowrap">{formatDateTime(e.at, zone, lang)}</td>
                  <td className="px-4 py-3">
                    {e.deviceName ?? '—'}<p className="text-sm text-stone-600">{t(`iot.haccp.kind.${e.kind}`)}</p>
                    {e.kind !== 'alarm' && e.note && <p className="text-sm sm:hidden">{e.note}</p>}
                  </td>
                  <td className="px-4 py-3 tabular whitespace-nowrap">{e.temperature == null ? '—' : `${Number(e.temperature).toFixed(1)} °C`}</td>
                  <td className="hidden px-4 py-3 sm:table-cell">{e.kind === 'alarm' && e.note ? t(`iot.alarmKind.${e.note}`, { defaultValue: e.note }) : e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <CheckForm restaurantId={restaurantId} devices={devices} onAdded={() => void log.reload()} />
    </div>
  );
}

/** A temperature check taken by a person, written to the HACCP log. */
function CheckForm({ restaurantId, devices, onAdded }: { restaurantId: string; devices: Device[]; onAdded: () => void }) {
  const { t } = useT();
  const [deviceId, setDeviceId] = useState('');
  const [temperature, setTemperature] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/iot/{restaurantId}/haccp/checks', {
        params: { path: { restaurantId } },
        body: draft<IoTApi['CheckBody']>({ deviceId: deviceId || null, temperature: Number(temperature), note: note.trim() || null }),
      }));
      setTemperature('');
      setNote('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3" aria-labelledby="haccp-check">
        <h3 id="haccp-check" className="text-lg font-bold sm:col-span-3">{t('iot.haccp.check')}</h3>
        <Field label={t('iot.haccp.device')}>
          <select value={deviceId} onChange={e => setDeviceId(e.target.value)} className={inputStyle}>
            <option value="">{t('iot.haccp.other')}</option>
            {devices.filter(d => d.unit === '°C').map(d => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <Field label={t('iot.haccp.temperature')} error={fields.temperature}>
          <input required inputMode="decimal" value={temperature} onChange={e => setTemperature(e.target.value)} className={inputStyle} />
        </Field>
        <Field label={t('iot.haccp.note')} error={fields.note}><input value={note} onChange={e => setNote(e.target.value)} className={inputStyle} /></Field>
        <div className="sm:col-span-3">
          {!(error instanceof ApiError && error.status === 400) && <ErrorText error={error} />}
          <Button type="submit" busy={busy}>{t('iot.haccp.record')}</Button>
        </div>
      </form>
    </Card>
  );
}
