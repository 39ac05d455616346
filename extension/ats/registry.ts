/**
 * The one list of ATS adapters. The content script tries them in order and uses the first
 * whose `matches` accepts the page's URL.
 * @module
 */
import { demoAdapter } from './demo/index.ts';
import { greenhouseAdapter } from './greenhouse/index.ts';
import { leverAdapter } from './lever/index.ts';
import { smartRecruitersAdapter } from './smartrecruiters/index.ts';
import type { AtsAdapter } from './types.ts';

export const atsAdapters: readonly AtsAdapter[] = [demoAdapter, greenhouseAdapter, leverAdapter, smartRecruitersAdapter];
