import { defineAtsAdapter } from '../define-adapter.ts';
import * as detect from './detect.ts';
import * as extract from './extract.ts';
import * as selectors from './selectors.ts';

/**
 * The local demo ATS (test/demo-ats): the reference adapter and the e2e tests' target. Loopback
 * only, so it ships in the manifest: `npm start` and the e2e tests need no prompt.
 */
export const demoAdapter = defineAtsAdapter({ id: 'demo', label: 'Demo ATS (local)', access: 'bundled' }, { detect, selectors, extract });
