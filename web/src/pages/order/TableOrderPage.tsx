// What a table's QR code opens (/t/:token): the menu for anyone; signed in, the table's shared cart — everyone's lines,
// live — and one button that sends the table's order.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api, draft, newIdempotencyKey, ok, type Cart, type MenuItemView, type Order, type OrderingApi } from '../../api/client';
import { useSession } from '../../api/session';
import { Alert, Badge, Button, Card, Empty, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { useHub } from '../../lib/hub';
import { useLoad } from '../../lib/useLoad';
import { ItemChooser, type Choice } from './ItemChooser';

export default function TableOrderPage() {
  const { token = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const location = useLocation();
  const menu = useLoad(() => ok(api.GET('/api/carts/qr/{token}', { params: { path: { token } } })), [token]);
  const cart = useLoad(() => ok(api.GET('/api/carts/table/{token}', { params: { path: { token } } })), [token, user?.id], !!user);
  const [live, setLive] = useState<Cart | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [placed, setPlaced] = useState<{ order: Order; mine: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  // One key per order: a retry after a lost answer replays it instead of ordering twice.
  const [key, setKey] = useState(newIdempotencyKey);
  // The phone's cart bar hides while the cart itself is on screen, so it never covers the order button.
  const cartRef = useRef<HTMLElement>(null);
  const [cartInView, setCartInView] = useState(false);
  useEffect(() => {
    const element = cartRef.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setCartInView(entry.isIntersecting), { threshold: 0.05 });
    observer.observe(element);
    return () => observer.disconnect();
  }, [menu.data, user]);

  const state = useHub(user ? '/hubs/carts' : null, {
    cart: (c: Cart) => setLive(c),
    ordered: (o: Order) => setPlaced(p => p ?? { order: o, mine: false }),
  }, async connection => {
    await connection.invoke('Join', token);
    setLive(null);
    await cart.reload();
  });

  if (menu.error instanceof ApiError && menu.error.status === 404) {
    return <Empty title={t('order.unknownTable')}>{t('order.unknownTableHint')}</Empty>;
  }
  if (!menu.data) return menu.error ? <ErrorText error={menu.error} /> : <Spinner label={t('common.loading')} />;

  const { restaurant, table, items } = menu.data;
  const current = live ?? cart.data ?? null;
  const categories = [...new Set(items.map(i => i.category ?? ''))];
  const add = async (choice: Choice) => {
    const next = await ok(api.POST('/api/carts/table/{token}/items', {
      params: { path: { token } },
      body: draft<OrderingApi['CartItemBody']>({ menuItemId: choice.menuItemId, quantity: choice.quantity, modifiers: choice.modifiers, notes: choice.notes }),
    }));
    setLive(next);
  };
  const remove = async (lineId: string) => {
    setError(null);
    try {
      setLive(await ok(api.DELETE('/api/carts/table/{token}/items/{lineId}', { params: { path: { token, lineId } } })));
    } catch (err) {
      setError(err);
    }
  };
  const checkout = async () => {
    setSending(true);
    setError(null);
    try {
      const order = await ok(api.POST('/api/carts/table/{token}/checkout', {
        params: { path: { token }, header: { 'Idempotency-Key': key } },
        body: draft<OrderingApi['TableCheckoutBody']>({}),
      }));
      setKey(newIdempotencyKey());
      setPlaced({ order, mine: true });
      await cart.reload();
      setLive(null);
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
      <div className="min-w-0 space-y-6">
        <header>
          <p className="text-sm font-semibold text-brand-700">{t('order.table', { label: table.label })}</p>
          <h1 className="text-2xl font-bold">{restaurant.name}</h1>
        </header>
        {!user && (
          <Alert tone="blue">
            {t('order.signInToOrder')}{' '}
            <Link className="font-semibold underline" to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('order.signIn')}</Link>
          </Alert>
        )}
        {placed && (
          <Alert tone="green" title={placed.mine ? t('order.placedTitle') : t('order.placedByTable')}>
            {placed.order.number} · {formatMoney(placed.order.total, lang)}{' '}
            <Link className="font-semibold underline" to={`/orders/${placed.order.id}`}>{t('order.viewOrder')}</Link>
          </Alert>
        )}
        {categories.map(category => (
          <section key={category} aria-labelledby={`cat-${category}`}>
            <h2 id={`cat-${category}`} className="mb-2 text-lg font-bold">{category || t('order.other')}</h2>
            <ul className="divide-y divide-stone-100 rounded-2xl bg-white ring-1 ring-stone-200">
              {items.filter(i => (i.category ?? '') === category).map(item => (
                <MenuRow key={item.id} item={item} canOrder={!!user} open={open === item.id}
                  onOpen={() => setOpen(open === item.id ? null : item.id)} onClose={() => setOpen(null)} onAdd={add} />
              ))}
            </ul>
          </section>
        ))}
      </div>

      {user && current && current.lines.length > 0 && !cartInView && (
        // On a phone the cart is below the menu: a bar at the bottom says what is in it and leads there.
        <a href="#cart" className="fixed inset-x-3 bottom-3 z-20 flex items-center justify-between rounded-xl bg-stone-900 px-4 py-3 font-semibold text-white shadow-lg lg:hidden">
          <span>{t('order.cart')} · {current.lines.reduce((n, l) => n + Number(l.quantity), 0)}</span>
          <span className="tabular">{formatMoney(current.subtotal, lang)}</span>
        </a>
      )}

      {user && (
        <aside id="cart" ref={cartRef} className="scroll-mt-20 pb-16 lg:sticky lg:top-20 lg:self-start lg:pb-0">
          <Card>
            <div className="flex items-center justify-between gap-2">
              <h2 className="text-lg font-bold">{t('order.cart')}</h2>
              <span className="flex items-center gap-1.5 text-xs text-stone-600" data-testid="live-state" data-state={state}>
                <span className={cx('size-2 rounded-full', state === 'live' ? 'bg-emerald-500' : 'bg-stone-400')} aria-hidden="true" />{t(`live.${state}`)}
              </span>
            </div>
            <p className="mt-1 text-sm text-stone-600">{t('order.cartHint')}</p>
            <ErrorText error={cart.error ?? error} />
            {!current ? <Spinner /> : current.lines.length === 0 ? <p className="mt-4 text-stone-600">{t('order.cartEmpty')}</p> : (
              <ul className="mt-3 divide-y divide-stone-100" aria-label={t('order.cart')}>
                {current.lines.map(line => (
                  <li key={line.lineId} className="flex items-start gap-2 py-2" data-testid="cart-line">
                    <span className="w-7 font-semibold tabular">{Number(line.quantity)}×</span>
                    <div className="min-w-0 flex-1">
                      <p className="font-medium">{line.name}</p>
                      {line.modifiers.length > 0 && <p className="text-sm text-stone-600">{line.modifiers.map(m => m.name).join(', ')}</p>}
                      <p className="text-xs text-stone-500">{line.personId === user.id ? t('order.you') : line.personName}</p>
                      {!line.available && line.reason && <Badge tone="red">{t(`order.reason.${line.reason}`)}</Badge>}
                    </div>
                    <div className="text-right">
                      {line.lineTotal && <p className="tabular">{formatMoney(line.lineTotal, lang)}</p>}
                      {line.personId === user.id && (
                        <button type="button" className="text-sm text-stone-600 underline" onClick={() => void remove(line.lineId)}
                          aria-label={t('order.remove', { name: line.name })}>×</button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {current && current.lines.length > 0 && (
              <>
                <p className="mt-3 flex justify-between border-t border-stone-200 pt-3 font-bold">
                  <span>{t('order.subtotal')}</span><span className="tabular">{formatMoney(current.subtotal, lang)}</span>
                </p>
                <Button className="mt-4 w-full" size="lg" busy={sending} onClick={() => void checkout()}>{t('order.placeOrder')}</Button>
              </>
            )}
          </Card>
        </aside>
      )}
    </div>
  );
}

function MenuRow({ item, canOrder, open, onOpen, onClose, onAdd }: {
  item: MenuItemView; canOrder: boolean; open: boolean; onOpen: () => void; onClose: () => void; onAdd: (c: Choice) => Promise<void>;
}) {
  const { t, lang } = useT();
  return (
    <li className="p-4" data-testid="menu-item">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{item.name}</p>
          {item.description && <p className="text-sm text-stone-600">{item.description}</p>}
          <p className="mt-1 tabular">{formatMoney(item.price, lang)}</p>
        </div>
        {!item.available
          ? <Badge tone="neutral">{t(`order.reason.${item.reason ?? 'sold_out'}`)}</Badge>
          : canOrder && <Button variant={open ? 'ghost' : 'secondary'} size="sm" onClick={onOpen} aria-expanded={open}>{t('order.add')}</Button>}
      </div>
      {open && <div className="mt-3"><ItemChooser item={item} onAdd={onAdd} onClose={onClose} /></div>}
    </li>
  );
}
