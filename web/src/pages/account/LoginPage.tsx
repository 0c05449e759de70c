import { Link, useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../i18n';
import { AuthCard } from './AuthCard';
import { LoginForm } from './LoginForm';

/** Only paths inside this app are followed after signing in. */
export const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export default function LoginPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  return (
    <AuthCard title={t('login.title')} subtitle={t('login.subtitle')}
      footer={<>{t('login.noAccount')} <Link to={`/signup${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} className="font-semibold text-brand-700 hover:underline">{t('nav.signup')}</Link></>}>
      <LoginForm onDone={() => navigate(next, { replace: true })} />
    </AuthCard>
  );
}
