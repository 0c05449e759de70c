import { useState, type FormEvent } from 'react';
import type { MenuItemView } from '../../api/client';
import { Alert, Button } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';

export type Choice = { menuItemId: string; quantity: number; modifiers: string[]; notes?: string };

/**
 * Choosing an item's options and quantity before it goes in the cart: a required group needs its choices, no group more
 * than its maximum; the price shown follows the choices (the service prices the order again from the menu).
 */
export function ItemChooser({ item, onAdd, onClose }: { item: MenuItemView; onAdd: (choice: Choice) => Promise<void>; onClose: () => void }) {
  const { t, lang } = useT();
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const groups = item.modifierGroups;
  const min = (g: (typeof groups)[number]) => (g.required ? Math.max(1, Number(g.minChoices)) : Number(g.minChoices));
  const missing = groups.filter(g => (chosen[g.groupId]?.length ?? 0) < min(g));
  const options = groups.flatMap(g => g.options).filter(o => groups.some(g => chosen[g.groupId]?.includes(o.optionId)));
  const unit = Number(item.price.amount) + options.reduce((sum, o) => sum + Number(o.priceDelta.amount), 0);

  const toggle = (groupId: string, optionId: string, max: number) => setChosen(prev => {
    const current = prev[groupId] ?? [];
    if (max === 1) return { ...prev, [groupId]: [optionId] };
    if (current.includes(optionId)) return { ...prev, [groupId]: current.filter(o => o !== optionId) };
    return current.length >= max ? prev : { ...prev, [groupId]: [...current, optionId] };
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (missing.length) return;
    setBusy(true);
    setError(null);
    try {
      await onAdd({ menuItemId: item.id, quantity, modifiers: Object.values(chosen).flat(), notes: notes.trim() || undefined });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={t('order.addTo', { name: item.name })} className="space-y-4">
      {groups.map(g => {
        const max = Number(g.maxChoices);
        return (
          <fieldset key={g.groupId}>
            <legend className="mb-1.5 text-sm font-semibold text-stone-800">
              {g.name}{' '}
              <span className="font-normal text-stone-600">
                {g.required ? `· ${t('order.required')} ` : ''}{max === 1 ? t('order.chooseOne') : t('order.upTo', { count: max })}
              </span>
            </legend>
            <div className="flex flex-wrap gap-2">
              {g.options.map(o => {
                const on = chosen[g.groupId]?.includes(o.optionId) ?? false;
                return (
                  <label key={o.optionId} className={`flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ${on ? 'bg-brand-50 ring-brand-600' : 'bg-white ring-stone-300'}`}>
                    <input type={max === 1 ? 'radio' : 'checkbox'} name={g.groupId} checked={on} onChange={() => toggle(g.groupId, o.optionId, max)} className="accent-brand-600" />
                    {o.name}{Number(o.priceDelta.amount) !== 0 && <span className="text-stone-600">+{formatMoney(o.priceDelta, lang)}</span>}
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <div className="flex items-center gap-3">
        <span className="text-sm font-semibold text-stone-800" id={`qty-${item.id}`}>{t('order.quantity')}</span>
        <Button variant="secondary" size="sm" aria-label={t('order.less')} onClick={() => setQuantity(q => Math.max(1, q - 1))}>−</Button>
        <span className="w-6 text-center font-bold tabular" aria-labelledby={`qty-${item.id}`} aria-live="polite">{quantity}</span>
        <Button variant="secondary" size="sm" aria-label={t('order.more')} onClick={() => setQuantity(q => Math.min(99, q + 1))}>+</Button>
      </div>
      <label className="block text-sm">
        <span className="mb-1 block font-semibold text-stone-800">{t('order.notes')}</span>
        <input value={notes} maxLength={200} onChange={e => setNotes(e.target.value)} className="block w-full rounded-lg px-3 py-2 ring-1 ring-stone-300" />
      </label>
      {error != null && <Alert>{error instanceof Error ? error.message : String(error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" busy={busy} disabled={missing.length > 0} className="flex-1">
          {t('order.add')} · {formatMoney({ amount: unit * quantity, currency: item.price.currency }, lang)}
        </Button>
        <Button variant="ghost" onClick={onClose}>{t('common.close')}</Button>
      </div>
    </form>
  );
}
