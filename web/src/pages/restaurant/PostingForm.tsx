import { useState, type FormEvent } from 'react';
import { api, ApiError, draft, ok, type Job, type JobsApi } from '../../api/client';
import { Alert, Button, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatMoney, todayIn } from '../../lib/format';
import { categories, postingErrors, requirements, scheduledPay, shiftMinutes, type PostingValues } from '../../lib/jobs';

/** A new shift posting: checked here against the same rules as the service (minimum wage, statutory break), then sent. */
export function PostingForm({ restaurantId, onDone }: { restaurantId: string; onDone: (job: Job) => void }) {
  const { t, lang } = useT();
  const today = todayIn();
  const [v, setV] = useState<PostingValues>({
    title: '', category: 'serving', date: addDays(today, 1), startTime: '18:00', endTime: '22:00', wage: '12000', headcount: '1',
    breakMinutes: '30', description: '', dressCode: '', contactName: '', contactPhone: '', requirements: [], bookingMode: 'manual', favouritesFirstMinutes: '30',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof PostingValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });
  const toggle = (code: string) => setV({ ...v, requirements: v.requirements.includes(code) ? v.requirements.filter(r => r !== code) : [...v.requirements, code] });
  const validTimes = /^\d{2}:\d{2}$/.test(v.startTime) && /^\d{2}:\d{2}$/.test(v.endTime);
  const pay = validTimes && Number(v.wage) > 0 ? scheduledPay(shiftMinutes(v.startTime, v.endTime), Number(v.breakMinutes || 0), Number(v.wage)) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = Object.fromEntries(Object.entries(postingErrors(v, today)).map(([k, p]) => [k, t(p!.key, p!.values)]));
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const job = await ok(api.POST('/api/jobs', {
        body: draft<JobsApi['PostingDraft']>({
          restaurantId, title: v.title.trim(), category: v.category, date: v.date, startTime: v.startTime, endTime: v.endTime,
          hourlyWage: { amount: Number(v.wage), currency: 'KRW' }, headcount: Number(v.headcount), breakMinutes: Number(v.breakMinutes || 0),
          description: v.description.trim() || null, dressCode: v.dressCode.trim() || null, requirements: v.requirements,
          contact: v.contactName.trim() || v.contactPhone.trim() ? { name: v.contactName.trim() || null, phone: v.contactPhone.trim() || null } : null,
          bookingMode: v.bookingMode, favouritesFirstMinutes: Number(v.favouritesFirstMinutes || 0),
        }),
      }));
      onDone(job);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
        const fields = err.fieldErrors;
        setErrors({ ...fields, wage: fields.amount ?? fields.wage, phone: fields.phone });
      } else setFailure(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={t('posting.title')}>
      <Field label={t('posting.jobTitle')} error={errors.title} className="sm:col-span-2"><input value={v.title} onChange={set('title')} placeholder={t('posting.titlePlaceholder')} /></Field>
      <Field label={t('posting.category')} error={errors.category}>
        <select value={v.category} onChange={set('category')}>{categories.map(c => <option key={c} value={c}>{t(`category.${c}`)}</option>)}</select>
      </Field>
      <Field label={t('posting.date')} error={errors.date}><input type="date" value={v.date} min={today} onChange={set('date')} /></Field>
      <Field label={t('posting.start')} error={errors.startTime}><input type="time" value={v.startTime} onChange={set('startTime')} /></Field>
      <Field label={t('posting.end')} error={errors.endTime} hint={t('posting.endHint')}><input type="time" value={v.endTime} onChange={set('endTime')} /></Field>
      <Field label={t('posting.wage')} error={errors.wage} hint={pay !== null ? t('posting.payHint', { amount: formatMoney({ amount: pay, currency: 'KRW' }, lang) }) : undefined}>
        <input inputMode="numeric" value={v.wage} onChange={set('wage')} />
      </Field>
      <Field label={t('posting.breakMinutes')} error={errors.breakMinutes} hint={t('posting.breakHint')}><input inputMode="numeric" value={v.breakMinutes} onChange={set('breakMinutes')} /></Field>
      <Field label={t('posting.headcount')} error={errors.headcount}><input inputMode="numeric" value={v.headcount} onChange={set('headcount')} /></Field>
      <Field label={t('posting.mode')} error={errors.bookingMode}>
        <select value={v.bookingMode} onChange={set('bookingMode')}>
          <option value="manual">{t('posting.modeManual')}</option>
          <option value="auto">{t('posting.modeAuto')}</option>
        </select>
      </Field>
      <Field label={t('posting.favouritesFirst')} error={errors.favouritesFirstMinutes} hint={t('posting.favouritesHint')}>
        <input inputMode="numeric" value={v.favouritesFirstMinutes} onChange={set('favouritesFirstMinutes')} />
      </Field>
      <Field label={t('posting.dressCode')} error={errors.dressCode}><input value={v.dressCode} onChange={set('dressCode')} /></Field>
      <Field label={t('posting.contactName')} error={errors.name}><input value={v.contactName} onChange={set('contactName')} /></Field>
      <Field label={t('posting.contactPhone')} error={errors.phone}><input type="tel" value={v.contactPhone} onChange={set('contactPhone')} /></Field>
      <fieldset className="sm:col-span-2">
        <legend className="mb-1.5 text-sm font-medium text-stone-800">{t('posting.requirements')}</legend>
        <div className="flex flex-wrap gap-4">
          {requirements.map(r => (
            <label key={r} className="flex items-center gap-2 text-[15px]"><input type="checkbox" checked={v.requirements.includes(r)} onChange={() => toggle(r)} />{t(`requirement.${r}`)}</label>
          ))}
        </div>
      </fieldset>
      <Field label={t('posting.description')} error={errors.description} className="sm:col-span-2"><textarea rows={3} value={v.description} onChange={set('description')} /></Field>
      {failure && <div className="sm:col-span-2"><Alert>{failure}</Alert></div>}
      <div className="sm:col-span-2"><Button type="submit" size="lg" busy={busy}>{t('posting.submit')}</Button></div>
    </form>
  );
}
