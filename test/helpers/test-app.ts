// The real app in-process as tests run it: 127.0.0.1 on a free port, silent logs, a fake clock
// and no real timers (the test ticks the scheduler). `cleanup` runs when the app fails to start,
// so fakes started for it are not left listening.
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { silentLogger } from '../../src/infra/logger.js';
import type { FakeClock } from '../fakes/clock.js';

export type TestAppOptions = Pick<AppOptions, 'config' | 'env' | 'dataDir' | 'platform' | 'extraSkills'> & { clock: FakeClock; cleanup?: () => Promise<void> };

export async function startTestApp(o: TestAppOptions): Promise<App> {
  const { cleanup, ...rest } = o;
  try {
    return await createApp({ ...rest, host: '127.0.0.1', port: 0, log: silentLogger, timers: false });
  } catch (e) {
    await cleanup?.();
    throw e;
  }
}
