import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, draft, ok, type IdentityApi } from '../../api/client';
import { session } from '../../api/session';
import { Alert, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { AuthCard } from './AuthCard';

export default function VerifyEmailPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [state, setState] = useState<'working' | 'done' | 'failed'>(token ? 'working' : 'failed');
  const sent = useRef(false);

  useEffect(() => {
    // The token is single-use: send it once even when React runs effects twice in development.
    if (!token || sent.current) return;
    sent.current = true;
    ok(api.POST('/api/auth/verify-email', { body: draft<IdentityApi['VerifyEmailRequest']>({ token }) }))
      .then(() => {
        setState('done');
        if (session.current.tokens) void session.refresh().catch(() => undefined);
      })
      .catch(() => setState('failed'));
  }, [token]);

  return (
    <AuthCard title={t('verify.title')}>
      {state === 'working' && <Spinner label={t('verify.working')} />}
      {state === 'done' && (
        <div className="space-y-4">
          <Alert tone="green" title={t('verify.doneTitle')}>{t('verify.done')}</Alert>
          <Link to={session.current.user ? '/' : '/login'} className="block rounded-lg bg-brand-600 px-4 py-3 text-center font-semibold text-white hover:bg-brand-700">
            {session.current.user ? t('verify.continue') : t('login.submit')}
          </Link>
        </div>
      )}
      {state === 'failed' && <Alert title={t('verify.failedTitle')}>{t('verify.failed')}</Alert>}
    </AuthCard>
  );
}
