/** Replaced at build time by wxt.config.ts (`vite.define`): the worker the panel talks to. */
declare const __PARLEY_API_ORIGIN__: string;
/** Replaced at build time by wxt.config.ts: true in builds for a loopback worker, which ship the demo ATS adapter. */
declare const __PARLEY_DEMO_ATS__: boolean;
