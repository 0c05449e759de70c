import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, ok, type Suggestion } from '../../api/client';
import { Button, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';

/**
 * The search box with suggestions as a person types (prefix, 초성, romanised; popular queries while it is empty),
 * an ARIA combobox: arrows move through the list, Enter takes the highlighted one (or searches what was typed), Escape
 * closes it. What a chosen suggestion does (open a restaurant, set a filter, search its text) is the page's choice.
 */
export function SearchBox({ initial, onSearch, onPick, display }: {
  initial: string;
  onSearch: (text: string) => void;
  onPick: (suggestion: Suggestion) => void;
  /** How a suggestion reads (cuisines and job categories come as codes). */
  display: (suggestion: Suggestion) => string;
}) {
  const { t } = useT();
  const id = useId();
  const [text, setText] = useState(initial);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const generation = useRef(0);

  useEffect(() => setText(initial), [initial]);

  // Asked a moment after the last keystroke; an older answer arriving late is dropped.
  useEffect(() => {
    if (!open) return;
    const mine = ++generation.current;
    const timer = setTimeout(async () => {
      try {
        const answer = await ok(api.GET('/api/search/suggestions', { params: { query: { q: text.trim() || undefined, limit: 8 } } }));
        if (mine === generation.current) {
          setItems(answer.items);
          setActive(-1);
        }
      } catch {
        if (mine === generation.current) setItems([]);
      }
    }, 120);
    return () => clearTimeout(timer);
  }, [text, open]);

  const choose = (s: Suggestion) => {
    setOpen(false);
    if (s.kind !== 'cuisine' && s.kind !== 'category') setText(s.text);
    onPick(s);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open && active >= 0 && items[active]) return choose(items[active]);
    setOpen(false);
    onSearch(text.trim());
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (items.length > 0) {
        const step = e.key === 'ArrowDown' ? 1 : -1;
        // -1 (the typed text) and the suggestions, round and round.
        setActive(a => ((a + 1 + step + items.length + 1) % (items.length + 1)) - 1);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const showList = open && items.length > 0;
  const listId = `${id}-list`;

  return (
    <form role="search" onSubmit={submit} className="relative flex max-w-2xl gap-2">
      <label htmlFor={`${id}-q`} className="sr-only">{t('find.label')}</label>
      <div className="relative flex-1">
        <input
          id={`${id}-q`}
          type="search"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
          value={text}
          onChange={e => { setText(e.target.value); setOpen(true); }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={keys}
          placeholder={t('find.placeholder')}
          className={cx(inputStyle, 'h-12 text-base')}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={text.trim() ? t('find.suggestions') : t('find.popular')}
          hidden={!showList}
          className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-xl bg-white py-1 text-stone-900 shadow-lg ring-1 ring-stone-200"
        >
          {items.map((s, i) => (
            <li
              key={`${s.kind}-${s.text}-${s.id ?? ''}`}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={e => { e.preventDefault(); choose(s); }}
              onMouseEnter={() => setActive(i)}
              className={cx('flex cursor-pointer items-center justify-between gap-3 px-4 py-2 text-[15px]', i === active && 'bg-stone-100')}
            >
              <span>{display(s)}</span>
              <span className="text-xs text-stone-500">{t(`find.kind.${s.kind}`, { defaultValue: '' })}</span>
            </li>
          ))}
        </ul>
      </div>
      <Button type="submit" size="lg">{t('find.submit')}</Button>
    </form>
  );
}
