/**
 * The options page: the admin's room (users and seats, and the sections other issues add) and,
 * for everyone, their own account. Shares the panel's stored session and API client.
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../options/app.tsx';
import { ApiProvider } from '../../panel/api-context.tsx';
import { createPanelApi } from '../../panel/panel-api.ts';
import '../../panel/panel.css';
import '../../options/options.css';

const api = createPanelApi(__PARLEY_API_ORIGIN__);

const root = document.getElementById('root');
if (!root) throw new Error('options.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <OptionsApp />
    </ApiProvider>
  </StrictMode>,
);
