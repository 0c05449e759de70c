import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { loadPageStrings, setupI18n } from '../i18n';

// The machines are shared and busy: waiting is generous, the assertions are not.
configure({ asyncUtilTimeout: 10_000 });
await setupI18n('ko');
await loadPageStrings();
afterEach(() => {
  cleanup();
  localStorage.clear();
});
