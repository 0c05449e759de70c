import { useState, type FormEvent } from 'react';
import { api, ApiError, draft, ok, type IdentityApi } from '../../api/client';
import { Alert, Button, Field, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { signupErrors } from '../../lib/validation';

type Kind = 'diner' | 'business' | 'worker';

export function SignupForm({ onDone }: { onDone: (email: string) => void }) {
  const { t } = useT();
  const [v, setV] = useState({ name: '', email: '', password: '', confirm: '' });
  const [kind, setKind] = useState<Kind>('diner');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = signupErrors(v);
    setErrors(Object.fromEntries(Object.entries(found).map(([k, key]) => [k, t(key!)])));
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await ok(api.POST('/api/auth/register', {
        body: draft<IdentityApi['RegisterRequest']>({ name: v.name.trim(), email: v.email.trim(), password: v.password, accountType: kind }),
      }));
      onDone(v.email.trim());
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setErrors({ email: t('signup.taken') });
      else if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setFailure(err instanceof ApiError && err.status === 429 ? t('login.tooMany') : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const kinds: Kind[] = ['diner', 'business'];
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-stone-800">{t('signup.kind')}</legend>
        <div className="grid grid-cols-2 gap-2">
          {kinds.map(k => (
            <label key={k} className={cx('cursor-pointer rounded-xl p-3 text-sm ring-1 ring-inset has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600',
              kind === k ? 'bg-brand-50 ring-brand-600' : 'bg-white ring-stone-300')}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
              <span className="block font-semibold">{t(`signup.${k}`)}</span>
              <span className="text-stone-600">{t(`signup.${k}Hint`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('signup.name')} error={errors.name}><input value={v.name} onChange={set('name')} autoComplete="name" /></Field>
      <Field label={t('signup.email')} error={errors.email}><input type="email" value={v.email} onChange={set('email')} autoComplete="email" /></Field>
      <Field label={t('signup.password')} error={errors.password} hint={t('signup.passwordHint')}><input type="password" value={v.password} onChange={set('password')} autoComplete="new-password" /></Field>
      <Field label={t('signup.confirm')} error={errors.confirm}><input type="password" value={v.confirm} onChange={set('confirm')} autoComplete="new-password" /></Field>
      {failure && <Alert>{failure}</Alert>}
      <Button type="submit" size="lg" className="w-full" busy={busy}>{t('signup.submit')}</Button>
    </form>
  );
}
