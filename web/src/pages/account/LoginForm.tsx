import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { AuthError, session } from '../../api/session';
import { Alert, Button, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { loginErrors } from '../../lib/validation';

export function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<ReturnType<typeof loginErrors>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = loginErrors({ login, password });
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await session.login(login.trim(), password);
      onDone();
    } catch (err) {
      setFailure(err instanceof AuthError && err.status === 401 ? t('login.failed')
        : err instanceof AuthError && err.status === 429 ? t('login.tooMany') : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field label={t('login.login')} error={errors.login && t(errors.login)}>
        <input value={login} onChange={e => setLogin(e.target.value)} autoComplete="username" autoFocus />
      </Field>
      <Field label={t('login.password')} error={errors.password && t(errors.password)}>
        <input type="password" value={password} onChange={e => setPassword(e.target.value)} autoComplete="current-password" />
      </Field>
      {failure && <Alert>{failure}</Alert>}
      <Button type="submit" size="lg" className="w-full" busy={busy}>{t('login.submit')}</Button>
      <p className="text-center text-sm"><Link to="/forgot-password" className="font-semibold text-brand-700 hover:underline">{t('login.forgot')}</Link></p>
    </form>
  );
}
