/**
 * The options page: the admin's room (users and seats, and the sections other issues add) and,
 * for everyone, their own account. Shares the stored session and API client with the panel (ui/).
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../options/app.tsx';
import { ApiProvider } from '../../ui/api-context.tsx';
import { createSessionApi } from '../../ui/session-api.ts';
import '../../ui/ui.css';
import '../../options/options.css';

const api = createSessionApi(__PARLEY_API_ORIGIN__);

const root = document.getElementById('root');
if (!root) throw new Error('options.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <OptionsApp />
    </ApiProvider>
  </StrictMode>,
);
