import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, draft, ok, type IdentityApi } from '../../api/client';
import { session } from '../../api/session';
import { RequireUser } from '../../components/Layout';
import { Alert, Badge, Button, Card, ErrorText, Field, PageHeader, Spinner } from '../../components/ui';
import { changeLanguage, useT } from '../../i18n';
import { useLoad } from '../../lib/useLoad';

export default function ProfilePage() {
  return <RequireUser><Profile /></RequireUser>;
}

function Profile() {
  const { t, lang } = useT();
  const me = useLoad(() => ok(api.GET('/api/users/me')), []);
  const [form, setForm] = useState({ name: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);

  useEffect(() => {
    if (me.data) setForm({ name: me.data.name, phone: me.data.phone ?? '' });
  }, [me.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) return setErrors({ name: t('validation.nameRequired') });
    setErrors({});
    setBusy(true);
    setSaved(false);
    try {
      await ok(api.PUT('/api/users/profile', { body: draft<IdentityApi['UpdateProfileRequest']>({ name: form.name.trim(), phone: form.phone.trim() || null }) }));
      await session.refresh(); // the name in the header comes from the token
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  const setLanguage = async (value: 'ko' | 'en') => {
    changeLanguage(value);
    // E-mails and notifications follow the same language.
    const current = await ok(api.GET('/api/notifications/preferences')).catch(() => null);
    if (current) await ok(api.PUT('/api/notifications/preferences', { body: { ...current, locale: value } })).catch(() => undefined);
  };

  if (!me.data) return me.error ? <ErrorText error={me.error} /> : <Spinner label={t('common.loading')} />;
  const p = me.data;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader title={t('profile.title')} subtitle={p.email} />
      {!p.emailVerified && (
        <Alert tone="amber" title={t('profile.unverified')}>
          {resent ? t('profile.resent') : <button type="button" className="font-semibold underline" onClick={async () => { await ok(api.POST('/api/auth/verify-email/resend')).catch(() => undefined); setResent(true); }}>{t('profile.resend')}</button>}
        </Alert>
      )}
      <Card>
        <form onSubmit={save} className="space-y-4" noValidate>
          <Field label={t('signup.name')} error={errors.name}><input value={form.name} onChange={e => setForm({ ...form, name: e.target.value })} autoComplete="name" /></Field>
          <Field label={t('booking.phone')} error={errors.phone}><input type="tel" value={form.phone} onChange={e => setForm({ ...form, phone: e.target.value })} autoComplete="tel" /></Field>
          {saved && <Alert tone="green">{t('profile.saved')}</Alert>}
          <Button type="submit" busy={busy}>{t('common.save')}</Button>
        </form>
      </Card>
      <Card>
        <h2 className="font-bold">{t('profile.language')}</h2>
        <div className="mt-3 flex gap-2" role="group" aria-label={t('profile.language')}>
          <Button variant={lang === 'ko' ? 'primary' : 'secondary'} aria-pressed={lang === 'ko'} onClick={() => setLanguage('ko')}>한국어</Button>
          <Button variant={lang === 'en' ? 'primary' : 'secondary'} aria-pressed={lang === 'en'} onClick={() => setLanguage('en')}>English</Button>
        </div>
      </Card>
      <Card>
        <h2 className="font-bold">{t('profile.roles')}</h2>
        <p className="mt-2 flex flex-wrap gap-2">{p.roles.map(r => <Badge key={r}>{t(`roles.${r}`, { defaultValue: r })}</Badge>)}</p>
      </Card>
    </div>
  );
}
