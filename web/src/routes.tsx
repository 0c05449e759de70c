// Each area is its own chunk, loaded when first visited; the shell (layout, search, sign-in) is in the first load.
// Declarative routes (<Routes>) rather than a data router: the data router's code would double React Router's
// share of the first load, and the pages load their own data.
import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { Spinner } from './components/ui';
import { loadPageStrings } from './i18n';
import { NotFoundPage } from './pages/NotFoundPage';
import { SearchPage } from './pages/diner/SearchPage';

const page = (load: () => Promise<{ default: ComponentType }>) => {
  // A page's code and the pages' strings arrive together, so a page never renders a missing key.
  const Page = lazy(() => Promise.all([load(), loadPageStrings()]).then(([module]) => module));
  return <Suspense fallback={<div className="py-10"><Spinner /></div>}><Page /></Suspense>;
};

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Layout />}>
        <Route index element={<SearchPage />} />
        <Route path="search" element={page(() => import('./pages/search/FindPage'))} />
        <Route path="restaurants/:id" element={page(() => import('./pages/diner/RestaurantPage'))} />
        <Route path="reservations" element={page(() => import('./pages/diner/MyReservationsPage'))} />
        <Route path="notifications" element={page(() => import('./pages/diner/NotificationsPage'))} />
        <Route path="login" element={page(() => import('./pages/account/LoginPage'))} />
        <Route path="signup" element={page(() => import('./pages/account/SignupPage'))} />
        <Route path="verify-email" element={page(() => import('./pages/account/VerifyEmailPage'))} />
        <Route path="forgot-password" element={page(() => import('./pages/account/ForgotPasswordPage'))} />
        <Route path="reset-password" element={page(() => import('./pages/account/ResetPasswordPage'))} />
        <Route path="account" element={page(() => import('./pages/account/ProfilePage'))} />
        <Route path="manage" element={page(() => import('./pages/restaurant/MyRestaurantsPage'))} />
        <Route path="manage/new" element={page(() => import('./pages/restaurant/CreateRestaurantPage'))} />
        <Route path="manage/:id" element={page(() => import('./pages/restaurant/TodayPage'))} />
        <Route path="manage/:id/setup" element={page(() => import('./pages/restaurant/SetupPage'))} />
        <Route path="manage/:id/guests" element={page(() => import('./pages/restaurant/GuestsPage'))} />
        <Route path="manage/:id/waitlist" element={page(() => import('./pages/restaurant/WaitlistPage'))} />
        <Route path="manage/:id/requests" element={page(() => import('./pages/restaurant/ConciergeInboxPage'))} />
        <Route path="jobs" element={page(() => import('./pages/jobs/JobFeedPage'))} />
        <Route path="jobs/shifts" element={page(() => import('./pages/jobs/MyShiftsPage'))} />
        <Route path="jobs/:id" element={page(() => import('./pages/jobs/JobDetailPage'))} />
        <Route path="manage/:id/jobs" element={page(() => import('./pages/restaurant/JobsPage'))} />
        <Route path="manage/:id/jobs/:jobId" element={page(() => import('./pages/restaurant/ApplicantsPage'))} />
        <Route path="manage/:id/timesheets" element={page(() => import('./pages/restaurant/TimesheetsPage'))} />
        <Route path="manage/:id/orders" element={page(() => import('./pages/restaurant/OrdersPage'))} />
        <Route path="manage/:id/kitchen" element={page(() => import('./pages/restaurant/KitchenPage'))} />
        <Route path="manage/:id/inventory" element={page(() => import('./pages/inventory/InventoryPage'))} />
        <Route path="manage/:id/devices" element={page(() => import('./pages/iot/DevicesPage'))} />
        <Route path="manage/:id/settlements" element={page(() => import('./pages/restaurant/SettlementsPage'))} />
        <Route path="manage/:id/staff" element={page(() => import('./pages/staff/StaffPage'))} />
        <Route path="manage/:id/analytics" element={page(() => import('./pages/analytics/AnalyticsPage'))} />
        <Route path="manage/:id/forecast" element={page(() => import('./pages/forecast/ForecastPage'))} />
        <Route path="wallet" element={page(() => import('./pages/pay/WalletPage'))} />
        <Route path="t/:token" element={page(() => import('./pages/order/TableOrderPage'))} />
        <Route path="orders" element={page(() => import('./pages/order/MyOrdersPage'))} />
        <Route path="orders/:id" element={page(() => import('./pages/order/OrderPage'))} />
        <Route path="concierge" element={page(() => import('./pages/concierge/ConciergeDeskPage'))} />
        <Route path="chat/:roomId?" element={page(() => import('./pages/chat/ChatPage'))} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
