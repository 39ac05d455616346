import { defineAtsAdapter } from '../define-adapter.ts';
import * as detect from './detect.ts';
import * as extract from './extract.ts';
import * as selectors from './selectors.ts';

/** Lever Hire's candidate (opportunity) profiles. */
export const leverAdapter = defineAtsAdapter({ id: 'lever', label: 'Lever', access: 'on-request' }, { detect, selectors, extract });
