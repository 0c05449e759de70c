import 'pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css';
import './index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ErrorBoundary } from './components/ErrorBoundary';
import { setupI18n } from './i18n';
import { LiveProvider } from './lib/live';
import { AppRoutes } from './routes';

await setupI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <LiveProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </LiveProvider>
    </ErrorBoundary>
  </StrictMode>,
);
