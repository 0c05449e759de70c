import { Link } from 'react-router';
import { Card } from '../components/ui';
import { useT } from '../i18n';

export function NotFoundPage() {
  const { t } = useT();
  return (
    <Card className="mx-auto max-w-lg text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-1 text-2xl font-bold">{t('notFound.title')}</h1>
      <p className="mt-2 text-stone-700">{t('notFound.body')}</p>
      <Link to="/" className="mt-5 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t('notFound.home')}</Link>
    </Card>
  );
}
