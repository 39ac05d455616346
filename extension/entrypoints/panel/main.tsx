/**
 * The panel page, framed into the ATS page by the content script. It owns the session and every
 * call to the worker; the candidate arrives in the URL hash.
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../panel/app.tsx';
import { ApiProvider } from '../../ui/api-context.tsx';
import { createSessionApi } from '../../ui/session-api.ts';
import '../../ui/ui.css';
import '../../panel/panel.css';
import '../../panel/interviews/interviews.css';

const api = createSessionApi(__PARLEY_API_ORIGIN__);

const root = document.getElementById('root');
if (!root) throw new Error('panel.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
