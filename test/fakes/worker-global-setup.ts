/**
 * Runs in Node before the worker tests: the fake provider servers they send to. Workerd reaches
 * them over loopback; each test file registers its own account so files do not share state.
 */
import type { TestProject } from 'vitest/node';
import { startFakeMeta } from './meta.ts';
import { startFakeTwilio } from './twilio.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeTwilioUrl: string;
    fakeMetaUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const [twilio, meta] = await Promise.all([startFakeTwilio(), startFakeMeta()]);
  project.provide('fakeTwilioUrl', twilio.url);
  project.provide('fakeMetaUrl', meta.url);
  return async () => {
    await Promise.all([twilio.stop(), meta.stop()]);
  };
}
