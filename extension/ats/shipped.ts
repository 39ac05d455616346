/**
 * The adapters this build runs: wxt.config.ts defines `__PARLEY_DEMO_ATS__` from the worker's
 * origin (ats/manifest.ts), so a store package leaves the loopback demo adapter out. Unit tests run
 * without the build's defines, and with every adapter, as a development build does.
 * @module
 */
import { adaptersShippedWith } from './manifest.ts';

export const shippedAtsAdapters = adaptersShippedWith(typeof __PARLEY_DEMO_ATS__ === 'undefined' || __PARLEY_DEMO_ATS__);
