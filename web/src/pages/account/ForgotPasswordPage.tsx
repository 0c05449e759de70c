import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, draft, ok, type IdentityApi } from '../../api/client';
import { Alert, Button, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { emailPattern } from '../../lib/validation';
import { AuthCard } from './AuthCard';

export default function ForgotPasswordPage() {
  const { t } = useT();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!emailPattern.test(email.trim())) return setError(t('validation.emailInvalid'));
    setError(null);
    setBusy(true);
    try {
      await ok(api.POST('/api/auth/forgot-password', { body: draft<IdentityApi['ForgotPasswordRequest']>({ email: email.trim() }) }));
      setSent(true);
    } catch {
      setError(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthCard title={t('forgot.title')} subtitle={t('forgot.subtitle')} footer={<Link to="/login" className="font-semibold text-brand-700 hover:underline">{t('forgot.back')}</Link>}>
      {sent ? <Alert tone="green">{t('forgot.sent', { email })}</Alert> : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field label={t('signup.email')} error={error}><input type="email" value={email} onChange={e => setEmail(e.target.value)} autoComplete="email" /></Field>
          <Button type="submit" size="lg" className="w-full" busy={busy}>{t('forgot.submit')}</Button>
        </form>
      )}
    </AuthCard>
  );
}
