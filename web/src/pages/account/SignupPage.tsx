import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../components/ui';
import { useT } from '../../i18n';
import { AuthCard } from './AuthCard';
import { safeNext } from './LoginPage';
import { SignupForm } from './SignupForm';

export default function SignupPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const next = safeNext(params.get('next'));
  const loginLink = `/login${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`;
  return (
    <AuthCard title={t('signup.title')} subtitle={t('signup.subtitle')}
      footer={<>{t('signup.haveAccount')} <Link to={loginLink} className="font-semibold text-brand-700 hover:underline">{t('nav.login')}</Link></>}>
      {sentTo ? (
        <div className="space-y-4">
          <Alert tone="green" title={t('signup.doneTitle')}>{t('signup.done', { email: sentTo })}</Alert>
          <Link to={loginLink} className="block rounded-lg bg-brand-600 px-4 py-3 text-center font-semibold text-white hover:bg-brand-700">{t('login.submit')}</Link>
        </div>
      ) : <SignupForm onDone={setSentTo} />}
    </AuthCard>
  );
}
