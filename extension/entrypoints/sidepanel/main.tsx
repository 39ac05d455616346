/**
 * My Inbox, in the browser's side panel: every conversation of the recruiter and the team; above it
 * "This page" (check the ATS page, teach Parley a new ATS: site-profiles/this-page.tsx).
 * @module
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Inbox } from '../../inbox/inbox.tsx';
import { ThisPage } from '../../site-profiles/this-page.tsx';
import { ApiProvider } from '../../ui/api-context.tsx';
import { createSessionApi } from '../../ui/session-api.ts';
import '../../ui/ui.css';
import '../../inbox/inbox.css';
import '../../site-profiles/this-page.css';

const root = document.getElementById('root');
if (!root) throw new Error('sidepanel.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createSessionApi(__PARLEY_API_ORIGIN__)}>
      <ThisPage />
      <Inbox />
    </ApiProvider>
  </StrictMode>,
);
