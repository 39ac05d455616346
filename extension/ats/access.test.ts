import { beforeEach, describe, expect, test } from 'vitest';
import { allowAts, atsScriptId, disallowAts, requestableAdapters, syncAtsContentScript, type AccessApi, type RegisteredScript } from './access.ts';
import { atsAdapters } from './registry.ts';

/**
 * The browser's side, as Chromium behaves: granted origins, the prompt's answer, and the
 * registered scripts (registering an id twice throws, as it does in Chromium).
 */
function fakeBrowserAccess(promptAnswer: boolean) {
  const granted = new Set<string>();
  const scripts = new Map<string, RegisteredScript>();
  const prompts: string[][] = [];
  const api: AccessApi = {
    permissions: {
      contains: async ({ origins }) => origins.every((origin) => granted.has(origin)),
      request: async ({ origins }) => {
        prompts.push(origins);
        if (promptAnswer) for (const origin of origins) granted.add(origin);
        return promptAnswer;
      },
      remove: async ({ origins }) => {
        for (const origin of origins) granted.delete(origin);
        return true;
      },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids } = {}) => [...scripts.values()].filter((script) => !ids || ids.includes(script.id)),
      registerContentScripts: async (added) => {
        for (const script of added) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, script);
        }
      },
      unregisterContentScripts: async ({ ids } = {}) => {
        for (const id of ids ?? [...scripts.keys()]) scripts.delete(id);
      },
    },
  };
  return { api, granted, scripts, prompts };
}

const byId = (id: string) => atsAdapters.find((adapter) => adapter.id === id)!;
let browser: ReturnType<typeof fakeBrowserAccess>;

beforeEach(() => {
  browser = fakeBrowserAccess(true);
});

describe('per-ATS access at run time', () => {
  test('only real ATSs are asked for; the loopback demo is bundled', () => {
    expect(requestableAdapters.map((adapter) => adapter.id)).toEqual(['greenhouse', 'lever', 'smartrecruiters']);
  });

  test('allowing one ATS asks for its hosts alone and runs the content script there', async () => {
    expect(await allowAts(browser.api, byId('lever'))).toBe(true);

    expect(browser.prompts).toEqual([[...byId('lever').hostMatches]]);
    expect(browser.scripts.get(atsScriptId)).toMatchObject({ js: ['content-scripts/ats.js'], matches: [...byId('lever').hostMatches] });
  });

  test('a second ATS widens the one registration; disallowing narrows it again', async () => {
    await allowAts(browser.api, byId('lever'));
    await allowAts(browser.api, byId('greenhouse'));
    expect(browser.scripts.get(atsScriptId)?.matches).toEqual([...byId('greenhouse').hostMatches, ...byId('lever').hostMatches]);

    await disallowAts(browser.api, byId('lever'));
    expect(browser.scripts.get(atsScriptId)?.matches).toEqual([...byId('greenhouse').hostMatches]);
    expect([...browser.granted]).toEqual([...byId('greenhouse').hostMatches]);
  });

  test('no registration at all once nothing is allowed', async () => {
    await allowAts(browser.api, byId('smartrecruiters'));
    await disallowAts(browser.api, byId('smartrecruiters'));
    expect(browser.scripts.size).toBe(0);
  });

  test('a declined prompt registers nothing', async () => {
    browser = fakeBrowserAccess(false);
    expect(await allowAts(browser.api, byId('greenhouse'))).toBe(false);
    expect(browser.scripts.size).toBe(0);
  });

  test('access changed in the browser menu is picked up by the next sync', async () => {
    for (const origin of byId('greenhouse').hostMatches) browser.granted.add(origin);
    expect(await syncAtsContentScript(browser.api)).toEqual([...byId('greenhouse').hostMatches]);
    expect(browser.scripts.get(atsScriptId)?.matches).toEqual([...byId('greenhouse').hostMatches]);
  });
});
