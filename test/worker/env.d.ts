import type { D1Migration } from 'cloudflare:test';
import type { Bindings } from '../../worker/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[];
    }
    interface GlobalProps {
      mainModule: typeof import('../../worker/sandbox/index.ts');
    }
  }
}

// The fake provider servers' origins, provided by test/fakes/worker-global-setup.ts.
declare module 'vitest' {
  export interface ProvidedContext {
    fakeTwilioUrl: string;
    fakeMetaUrl: string;
  }
}
