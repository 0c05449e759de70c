import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, draft, ok, type IdentityApi } from '../../api/client';
import { Alert, Button, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { passwordProblem } from '../../lib/validation';
import { AuthCard } from './AuthCard';

export default function ResetPasswordPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordProblem(password);
    const found = problem ? { password: t(problem) } : confirm !== password ? { confirm: t('validation.passwordMismatch') } : {};
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await ok(api.POST('/api/auth/reset-password', { body: draft<IdentityApi['ResetPasswordRequest']>({ token, newPassword: password }) }));
      setDone(true);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : {};
      if (fields.newPassword || fields.password) setErrors({ password: fields.newPassword ?? fields.password });
      else setFailure(t('reset.failed'));
    } finally {
      setBusy(false);
    }
  };

  if (!token) return <AuthCard title={t('reset.title')}><Alert>{t('reset.noToken')}</Alert></AuthCard>;
  return (
    <AuthCard title={t('reset.title')}>
      {done ? (
        <div className="space-y-4">
          <Alert tone="green">{t('reset.done')}</Alert>
          <Link to="/login" className="block rounded-lg bg-brand-600 px-4 py-3 text-center font-semibold text-white hover:bg-brand-700">{t('login.submit')}</Link>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field label={t('reset.password')} error={errors.password} hint={t('signup.passwordHint')}><input type="password" value={password} onChange={e => setPassword(e.target.value)} autoComplete="new-password" /></Field>
          <Field label={t('signup.confirm')} error={errors.confirm}><input type="password" value={confirm} onChange={e => setConfirm(e.target.value)} autoComplete="new-password" /></Field>
          {failure && <Alert>{failure}</Alert>}
          <Button type="submit" size="lg" className="w-full" busy={busy}>{t('reset.submit')}</Button>
        </form>
      )}
    </AuthCard>
  );
}
