import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setupI18n } from '../i18n';

await setupI18n('ko');
afterEach(() => {
  cleanup();
  localStorage.clear();
});
