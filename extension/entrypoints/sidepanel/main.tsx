/**
 * My Inbox, in the browser's side panel: every conversation of the recruiter and the team.
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Inbox } from '../../inbox/inbox.tsx';
import { ApiProvider } from '../../ui/api-context.tsx';
import { createSessionApi } from '../../ui/session-api.ts';
import '../../ui/ui.css';
import '../../inbox/inbox.css';

const root = document.getElementById('root');
if (!root) throw new Error('sidepanel.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createSessionApi(__PARLEY_API_ORIGIN__)}>
      <Inbox />
    </ApiProvider>
  </StrictMode>,
);
