import { useEffect } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { session, useSession, isRestaurantPerson } from '../api/session';
import { changeLanguage, useT } from '../i18n';
import { NotificationBell } from './NotificationBell';
import { Button, Card, cx } from './ui';

function Logo() {
  return (
    <Link to="/" className="flex shrink-0 items-center gap-2 rounded-lg font-bold text-stone-900">
      <svg viewBox="0 0 32 32" className="size-8" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#b4321f" />
        <path d="M10 8h7.5a5 5 0 0 1 2.6 9.3A5.2 5.2 0 0 1 18 25h-8zm4 3.5v4.2h3.2a2.1 2.1 0 0 0 0-4.2zm0 7.5v2.6h3.6a1.3 1.3 0 0 0 0-2.6z" fill="#fff" />
      </svg>
      <span className="text-lg tracking-tight">Brigade</span>
    </Link>
  );
}

function LanguageSwitch() {
  const { lang, t } = useT();
  const next = lang === 'ko' ? 'en' : 'ko';
  return (
    <Button variant="ghost" size="sm" onClick={() => changeLanguage(next)} aria-label={t('nav.language')} lang={next}>
      {next === 'en' ? 'EN' : '한국어'}
    </Button>
  );
}

function NavItems() {
  const { t } = useT();
  const { user } = useSession();
  const item = ({ isActive }: { isActive: boolean }) => cx(
    'rounded-lg px-3 py-2 text-[15px] font-medium whitespace-nowrap',
    isActive ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-200/70',
  );
  return (
    <>
      <NavLink to="/" end className={item}>{t('nav.restaurants')}</NavLink>
      <NavLink to="/search" className={item}>{t('nav.search')}</NavLink>
      {user && <NavLink to="/reservations" className={item}>{t('nav.myReservations')}</NavLink>}
      <NavLink to="/jobs" end className={item}>{t('nav.jobs')}</NavLink>
      {user?.roles.includes('worker') && <NavLink to="/jobs/shifts" className={item}>{t('nav.myShifts')}</NavLink>}
      {user && <NavLink to="/orders" end className={item}>{t('nav.myOrders')}</NavLink>}
      {user && <NavLink to="/chat" className={item}>{t('nav.chat')}</NavLink>}
      {(!user || isRestaurantPerson(user)) && <NavLink to="/manage" className={item}>{t('nav.manage')}</NavLink>}
      {user?.roles.includes('concierge') && <NavLink to="/concierge" className={item}>{t('nav.concierge')}</NavLink>}
    </>
  );
}

export function Layout() {
  const { t } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only z-50 rounded-lg bg-white px-4 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t('nav.skip')}
      </a>
      <header className="sticky top-0 z-30 border-b border-stone-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4">
          <Logo />
          <nav aria-label={t('nav.main')} className="hidden min-w-0 items-center gap-1 overflow-x-auto md:flex"><NavItems /></nav>
          <div className="ml-auto flex shrink-0 items-center gap-1">
            <LanguageSwitch />
            {user ? (
              <>
                <NotificationBell />
                <Link to="/account" className="truncate rounded-lg px-2 py-2 text-[15px] font-medium text-stone-800 hover:bg-stone-200/70 sm:max-w-48">
                  {/* On a phone, the name's initial: the header has no room for the whole name beside the other controls. */}
                  <span aria-hidden="true" className="inline-flex h-8 w-8 items-center justify-center rounded-full bg-stone-200 sm:hidden">{(user.name || user.email || '?').slice(0, 1).toUpperCase()}</span>
                  <span className="sr-only">{t('nav.account')}: </span><span className="max-sm:sr-only">{user.name || user.email}</span>
                </Link>
                <Button variant="ghost" size="sm" onClick={async () => { await session.logout(); navigate('/'); }}>
                  {t('nav.logout')}
                </Button>
              </>
            ) : (
              <>
                <Link to="/login" className="rounded-lg px-3 py-2 text-[15px] font-medium text-stone-800 hover:bg-stone-200/70">{t('nav.login')}</Link>
                <Link to="/signup" className="hidden rounded-lg bg-brand-600 px-3 py-2 text-[15px] font-semibold text-white hover:bg-brand-700 sm:inline-block">{t('nav.signup')}</Link>
              </>
            )}
          </div>
        </div>
        <nav aria-label={t('nav.main')} className="flex gap-1 overflow-x-auto border-t border-stone-100 px-3 py-2 md:hidden"><NavItems /></nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:py-8">
        <Outlet />
      </main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-stone-600">
          <p>© Brigade · {t('footer.tagline')}</p>
          <p>{t('footer.times')}</p>
        </div>
      </footer>
    </div>
  );
}

/** Pages that need a signed-in person send others to the login page and back. */
export function RequireUser({ children, role }: { children: React.ReactNode; role?: string }) {
  const { user } = useSession();
  const location = useLocation();
  const { t } = useT();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (role && !user.roles.includes(role) && !user.roles.includes('admin')) {
    return <Card><h1 className="text-xl font-bold">{t('errors.forbiddenTitle')}</h1><p className="mt-2 text-stone-700">{t('errors.forbidden')}</p></Card>;
  }
  return <>{children}</>;
}
