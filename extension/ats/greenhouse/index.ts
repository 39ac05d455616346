import { defineAtsAdapter } from '../define-adapter.ts';
import * as detect from './detect.ts';
import * as extract from './extract.ts';
import * as selectors from './selectors.ts';

/** Greenhouse Recruiting's candidate profiles (app*.greenhouse.io). */
export const greenhouseAdapter = defineAtsAdapter({ id: 'greenhouse', label: 'Greenhouse', access: 'on-request' }, { detect, selectors, extract });
