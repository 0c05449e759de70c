// A restaurant's stock: items with what is on hand and what is low, counts, purchase orders and the food-cost report.
// The service decides who may do what (staff count and log waste; owners and managers order and see costs).
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, newIdempotencyKey, ok, type InventoryApi } from '../../api/client';
import { Badge, Button, Card, Empty, ErrorText, Field, Spinner, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatMoney, todayIn } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from '../restaurant/RestaurantShell';

type Item = InventoryApi['StockItemResponse'];
type PurchaseOrder = InventoryApi['PurchaseOrderResponse'];
type Section = 'stock' | 'counts' | 'orders' | 'costs';

export default function InventoryPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Inventory restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

const quantity = (value: number | string, unit: string) => `${Number(value).toLocaleString()} ${unit}`;

function Inventory({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t } = useT();
  const [section, setSection] = useState<Section>('stock');
  const sections: Section[] = ['stock', 'counts', 'orders', 'costs'];
  return (
    <div className="space-y-4">
      <h2 className="sr-only">{t('manage.inventory')}</h2>
      <div role="tablist" aria-label={t('inventory.sections')} className="flex flex-wrap gap-2">
        {sections.map(s => (
          <button key={s} role="tab" aria-selected={section === s} onClick={() => setSection(s)}
            className={cx('rounded-full px-4 py-1.5 text-sm font-semibold', section === s ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-700 hover:bg-stone-200')}>
            {t(`inventory.section.${s}`)}
          </button>
        ))}
      </div>
      {section === 'stock' && <Stock restaurantId={restaurantId} />}
      {section === 'counts' && <Counts restaurantId={restaurantId} />}
      {section === 'orders' && <Orders restaurantId={restaurantId} zone={zone} />}
      {section === 'costs' && <Costs restaurantId={restaurantId} zone={zone} />}
    </div>
  );
}

function Stock({ restaurantId }: { restaurantId: string }) {
  const { t, lang } = useT();
  const [lowOnly, setLowOnly] = useState(false);
  const items = useLoad(() => ok(api.GET('/api/inventory/{restaurantId}/items', { params: { path: { restaurantId }, query: { low: lowOnly || undefined, limit: 100 } } })),
    [restaurantId, lowOnly]);
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-2 text-[15px]">
        <input type="checkbox" checked={lowOnly} onChange={e => setLowOnly(e.target.checked)} /> {t('inventory.lowOnly')}
      </label>
      <ErrorText error={items.error} />
      {!items.data ? <Spinner label={t('common.loading')} /> : items.data.items.length === 0 ? <Empty title={t('inventory.none')}>{t('inventory.noneHint')}</Empty> : (
        <Card flush className="overflow-x-auto">
          <table className="w-full text-left text-[15px]">
            <caption className="sr-only">{t('inventory.section.stock')}</caption>
            <thead className="border-b border-stone-200 text-sm text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">{t('inventory.item')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('inventory.onHand')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('inventory.reorderPoint')}</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">{t('inventory.par')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('inventory.value')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {items.data.items.map(i => (
                <tr key={i.id}>
                  <td className="px-4 py-3 font-medium">{i.name}{i.location && <p className="text-sm font-normal text-stone-600">{i.location}</p>}</td>
                  <td className="px-4 py-3 tabular whitespace-nowrap">{quantity(i.onHand, i.baseUnit)} {i.low && <Badge tone="red">{t('inventory.low')}</Badge>}</td>
                  <td className="hidden px-4 py-3 tabular whitespace-nowrap sm:table-cell">{quantity(i.reorderPoint, i.baseUnit)}</td>
                  <td className="hidden px-4 py-3 tabular whitespace-nowrap sm:table-cell">{quantity(i.parLevel, i.baseUnit)}</td>
                  <td className="px-4 py-3 tabular whitespace-nowrap">{formatMoney(i.value, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <NewItemForm restaurantId={restaurantId} onAdded={() => void items.reload()} />
    </div>
  );
}

/** A new stock item: its unit, pack and price, re-order point and par level (owners and managers). */
export function NewItemForm({ restaurantId, onAdded }: { restaurantId: string; onAdded: (item: Item) => void }) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [baseUnit, setBaseUnit] = useState('g');
  const [packUnit, setPackUnit] = useState('');
  const [packSize, setPackSize] = useState('1000');
  const [packCost, setPackCost] = useState('');
  const [onHand, setOnHand] = useState('0');
  const [reorderPoint, setReorderPoint] = useState('0');
  const [parLevel, setParLevel] = useState('0');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const item = await ok(api.POST('/api/inventory/{restaurantId}/items', {
        params: { path: { restaurantId } },
        body: draft<InventoryApi['StockItemBody']>({
          name: name.trim(), baseUnit, packUnit: packUnit.trim() || null, packSize: Number(packSize), packCost: Number(packCost),
          onHand: Number(onHand), reorderPoint: Number(reorderPoint), parLevel: Number(parLevel),
        }),
      }));
      setName('');
      setPackCost('');
      onAdded(item);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <form onSubmit={submit} className="grid gap-3 sm:grid-cols-4" aria-labelledby="new-item">
        <h3 id="new-item" className="text-lg font-bold sm:col-span-4">{t('inventory.addItem')}</h3>
        <Field label={t('inventory.item')} error={fields.name}><input required value={name} onChange={e => setName(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('inventory.baseUnit')} error={fields.baseUnit}>
          <select value={baseUnit} onChange={e => setBaseUnit(e.target.value)} className={inputStyle}>
            <option value="g">g</option><option value="ml">ml</option><option value="ea">ea</option>
          </select>
        </Field>
        <Field label={t('inventory.packUnit')} error={fields.packUnit}><input value={packUnit} onChange={e => setPackUnit(e.target.value)} placeholder="box" className={inputStyle} /></Field>
        <Field label={t('inventory.packSize')} error={fields.packSize}><input required inputMode="decimal" value={packSize} onChange={e => setPackSize(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('inventory.packCost')} error={fields.packCost}><input required inputMode="numeric" value={packCost} onChange={e => setPackCost(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('inventory.onHand')} error={fields.onHand}><input inputMode="decimal" value={onHand} onChange={e => setOnHand(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('inventory.reorderPoint')} error={fields.reorderPoint}><input inputMode="decimal" value={reorderPoint} onChange={e => setReorderPoint(e.target.value)} className={inputStyle} /></Field>
        <Field label={t('inventory.par')} error={fields.parLevel}><input inputMode="decimal" value={parLevel} onChange={e => setParLevel(e.target.value)} className={inputStyle} /></Field>
        <div className="sm:col-span-4">
          {!(error instanceof ApiError && error.status === 400) && <ErrorText error={error} />}
          <Button type="submit" busy={busy}>{t('inventory.add')}</Button>
        </div>
      </form>
    </Card>
  );
}

function Counts({ restaurantId }: { restaurantId: string }) {
  const { t, lang } = useT();
  const items = useLoad(() => ok(api.GET('/api/inventory/{restaurantId}/items', { params: { path: { restaurantId }, query: { limit: 100 } } })), [restaurantId]);
  const counts = useLoad(() => ok(api.GET('/api/inventory/{restaurantId}/counts', { params: { path: { restaurantId }, query: { limit: 10 } } })), [restaurantId]);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lines = Object.entries(counted).filter(([, v]) => v.trim() !== '').map(([stockItemId, v]) => {
      const item = items.data!.items.find(i => i.id === stockItemId)!;
      return { stockItemId, quantity: Number(v), unit: item.baseUnit };
    });
    if (lines.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/inventory/{restaurantId}/counts', {
        params: { path: { restaurantId } }, body: draft<InventoryApi['CountBody']>({ kind: 'spot', lines }), headers: { 'Idempotency-Key': newIdempotencyKey() },
      }));
      setCounted({});
      await Promise.all([items.reload(), counts.reload()]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!items.data) return items.error ? <ErrorText error={items.error} /> : <Spinner label={t('common.loading')} />;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <form onSubmit={submit} className="space-y-3" aria-labelledby="spot-count">
          <h3 id="spot-count" className="text-lg font-bold">{t('inventory.spotCount')}</h3>
          <p className="text-sm text-stone-600">{t('inventory.spotCountHint')}</p>
          {items.data.items.map(i => (
            <Field key={i.id} label={`${i.name} (${i.baseUnit}) · ${t('inventory.expected')} ${quantity(i.onHand, i.baseUnit)}`}>
              <input inputMode="decimal" value={counted[i.id] ?? ''} onChange={e => setCounted(c => ({ ...c, [i.id]: e.target.value }))} className={inputStyle} />
            </Field>
          ))}
          <ErrorText error={error} />
          <Button type="submit" busy={busy}>{t('inventory.recordCount')}</Button>
        </form>
      </Card>
      <section aria-labelledby="recent-counts" className="space-y-3">
        <h3 id="recent-counts" className="text-lg font-bold">{t('inventory.recentCounts')}</h3>
        {!counts.data ? <Spinner /> : counts.data.items.length === 0 ? <Empty title={t('inventory.noCounts')} /> : counts.data.items.map(c => (
          <Card key={c.id}>
            <p className="font-semibold">{t(`inventory.kind.${c.kind === 'full' ? 'full' : 'spot'}`)} · {formatDate(c.countedAt.slice(0, 10), lang)}</p>
            <p className={cx('tabular', Number(c.varianceCost.amount) < 0 ? 'text-red-700' : 'text-stone-700')}>{t('inventory.variance')} {formatMoney(c.varianceCost, lang)}</p>
          </Card>
        ))}
      </section>
    </div>
  );
}

function Orders({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t, lang } = useT();
  const orders = useLoad(() => ok(api.GET('/api/inventory/{restaurantId}/purchase-orders', { params: { path: { restaurantId }, query: { limit: 50 } } })), [restaurantId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (key: string, call: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await call();
      await orders.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const fill = () => act('fill', () => ok(api.POST('/api/inventory/{restaurantId}/purchase-orders/fill-to-par', {
    params: { path: { restaurantId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
  })));
  const send = (po: PurchaseOrder) => act(po.id, () => ok(api.POST('/api/inventory/{restaurantId}/purchase-orders/{id}/send', { params: { path: { restaurantId, id: po.id } } })));
  if (!orders.data) return orders.error ? <ErrorText error={orders.error} /> : <Spinner label={t('common.loading')} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={fill} busy={busy === 'fill'}>{t('inventory.fillToPar')}</Button>
        <p className="text-sm text-stone-600">{t('inventory.fillToParHint')}</p>
      </div>
      <ErrorText error={error} />
      <ForecastPlan restaurantId={restaurantId} onOrdered={() => void orders.reload()} />
      {orders.data.items.length === 0 ? <Empty title={t('inventory.noOrders')} /> : (
        <ul className="space-y-3">
          {orders.data.items.map(po => (
            <Card as="li" key={po.id}>
              <div className="flex flex-wrap items-center gap-2">
                <p className="font-semibold">{po.supplierName}</p>
                <Badge tone={po.status === 'draft' ? 'amber' : po.status === 'received' ? 'green' : 'neutral'}>{t(`inventory.status.${po.status}`)}</Badge>
                <span className="ml-auto tabular font-semibold">{formatMoney(po.total, lang)}</span>
              </div>
              <ul className="mt-2 text-sm text-stone-700">
                {po.lines.map(l => <li key={l.stockItemId}>{l.name} · {Number(l.quantity)} {l.packUnit}{l.priceChanged && <> <Badge tone="amber">{t('inventory.priceChanged')}</Badge></>}</li>)}
              </ul>
              {po.expectedAt && <p className="mt-1 text-sm text-stone-600">{t('inventory.expectedOn', { date: formatDate(todayIn(zone, new Date(po.expectedAt)), lang) })}</p>}
              {po.status === 'draft' && <Button className="mt-3" size="sm" onClick={() => void send(po)} busy={busy === po.id}>{t('inventory.send')}</Button>}
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}

type Plan = InventoryApi['ForecastSuggestionsResponse'];

/** What the forecast says to order (the service's plan), and one draft per supplier from it. */
function ForecastPlan({ restaurantId, onOrdered }: { restaurantId: string; onOrdered: () => void }) {
  const { t, lang } = useT();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState<'plan' | 'order' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async () => {
    setBusy('plan');
    setError(null);
    try {
      setPlan(await ok(api.GET('/api/inventory/{restaurantId}/purchase-orders/forecast-suggestions', { params: { path: { restaurantId } } })));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 503 ? t('inventory.plan.unavailable') : err);
    } finally {
      setBusy(null);
    }
  };
  const toOrder = plan?.items.filter(i => Number(i.packs) > 0 && i.supplierId) ?? [];
  const order = async () => {
    setBusy('order');
    setError(null);
    try {
      const bySupplier = new Map<string, typeof toOrder>();
      for (const i of toOrder) bySupplier.set(i.supplierId!, [...(bySupplier.get(i.supplierId!) ?? []), i]);
      for (const [supplierId, lines] of bySupplier) {
        await ok(api.POST('/api/inventory/{restaurantId}/purchase-orders', {
          params: { path: { restaurantId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: draft<InventoryApi['PurchaseOrderBody']>({ supplierId, lines: lines.map(l => ({ stockItemId: l.stockItemId, quantity: Number(l.packs) })) }),
        }));
      }
      setPlan(null);
      onOrdered();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-semibold">{t('inventory.plan.title')}</h3>
        <Button size="sm" variant="secondary" onClick={() => void load()} busy={busy === 'plan'}>{t('inventory.plan.load')}</Button>
      </div>
      <p className="mt-1 text-sm text-stone-600">{t('inventory.plan.hint')}</p>
      {typeof error === 'string' ? <p className="mt-2 text-sm text-amber-800">{error}</p> : <ErrorText error={error} />}
      {plan && (plan.items.length === 0 ? <p className="mt-3 text-sm text-stone-600">{t('inventory.plan.none')}</p> : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="forecast-plan">
            <thead className="text-stone-600">
              <tr>
                <th scope="col" className="py-2 pr-3 font-semibold">{t('inventory.item')}</th>
                <th scope="col" className="py-2 pr-3 font-semibold">{t('inventory.plan.usage', { days: plan.items[0]?.coverDays ?? 0 })}</th>
                <th scope="col" className="hidden py-2 pr-3 font-semibold sm:table-cell">{t('inventory.plan.safety')}</th>
                <th scope="col" className="py-2 pr-3 font-semibold">{t('inventory.onHand')}</th>
                <th scope="col" className="py-2 font-semibold">{t('inventory.plan.packs')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {plan.items.map(i => (
                <tr key={i.stockItemId}>
                  <td className="py-2 pr-3">{i.name}<span className="block text-xs text-stone-500">{i.supplierName ?? t('inventory.plan.noSupplier')}</span></td>
                  <td className="py-2 pr-3 tabular whitespace-nowrap">{quantity(i.usage, i.unit)}</td>
                  <td className="hidden py-2 pr-3 tabular whitespace-nowrap sm:table-cell">{quantity(i.safetyStock, i.unit)}</td>
                  <td className="py-2 pr-3 tabular whitespace-nowrap">{quantity(Number(i.onHand) + Number(i.onOrder), i.unit)}</td>
                  <td className="py-2 tabular whitespace-nowrap font-semibold">{Number(i.packs) > 0 ? `${Number(i.packs)} ${i.packUnit}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {toOrder.length > 0 && (
            <Button className="mt-3" size="sm" onClick={() => void order()} busy={busy === 'order'}>
              {t('inventory.plan.order', { total: formatMoney({ amount: toOrder.reduce((sum, i) => sum + Number(i.packs) * Number(i.packCost.amount), 0), currency: toOrder[0].packCost.currency }, lang) })}
            </Button>
          )}
        </div>
      ))}
    </Card>
  );
}

function Costs({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t, lang } = useT();
  const to = todayIn(zone);
  const [from, setFrom] = useState(addDays(to, -29));
  const report = useLoad(() => ok(api.GET('/api/inventory/{restaurantId}/reports/food-cost', { params: { path: { restaurantId }, query: { from, to, timeZone: zone } } })),
    [restaurantId, from, to, zone]);
  const percent = (bp: number | string | null | undefined) => bp == null ? '—' : `${(Number(bp) / 100).toFixed(1)}%`;
  return (
    <div className="space-y-4">
      <Field label={t('inventory.from')} className="max-w-xs">
        <input type="date" value={from} max={to} onChange={e => e.target.value && setFrom(e.target.value)} className={inputStyle} />
      </Field>
      <ErrorText error={report.error} />
      {!report.data ? <Spinner label={t('common.loading')} /> : (
        <dl className="grid gap-3 sm:grid-cols-3">
          {([
            ['sales', formatMoney(report.data.sales, lang)],
            ['theoretical', `${formatMoney(report.data.theoretical, lang)} · ${percent(report.data.theoreticalBasisPoints)}`],
            ['actual', `${formatMoney(report.data.actual, lang)} · ${percent(report.data.foodCostBasisPoints)}`],
            ['waste', formatMoney(report.data.waste, lang)],
            ['variance', formatMoney(report.data.variance, lang)],
            ['receipts', formatMoney(report.data.receipts, lang)],
          ] as const).map(([key, value]) => (
            <Card key={key}><dt className="text-sm text-stone-600">{t(`inventory.cost.${key}`)}</dt><dd className="mt-1 text-xl font-bold tabular">{value}</dd></Card>
          ))}
        </dl>
      )}
    </div>
  );
}
