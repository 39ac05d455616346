/** Replaced at build time by wxt.config.ts (`vite.define`): the worker the panel talks to. */
declare const __PARLEY_API_ORIGIN__: string;
