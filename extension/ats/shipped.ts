/**
 * The adapters this build runs: wxt.config.ts defines `__PARLEY_DEMO_ATS__` from the worker's
 * origin (ats/manifest.ts), so a store package leaves the loopback demo adapter out.
 * @module
 */
import { adaptersShippedWith } from './manifest.ts';

export const shippedAtsAdapters = adaptersShippedWith(__PARLEY_DEMO_ATS__);
