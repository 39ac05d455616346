/**
 * The panel page, framed into the ATS page by the content script. It owns the session and every
 * call to the worker; the candidate arrives in the URL hash.
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from '../../panel/api-context.tsx';
import { App } from '../../panel/app.tsx';
import { createPanelApi } from '../../panel/panel-api.ts';
import '../../panel/panel.css';

const api = createPanelApi(__PARLEY_API_ORIGIN__);

const root = document.getElementById('root');
if (!root) throw new Error('panel.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
