// The shipped example config, as tests use it.
import { loadConfigFile, type Config } from '../../src/core/config/index.js';

export const exampleConfig = (): Config => loadConfigFile('config/switchboard.yaml', {});

/**
 * The same config with no service paging anybody: for tests of other skills that advance the
 * clock and assert on everything printed, where escalation DMs would only be noise.
 */
export const withoutPaging = (c: Config): Config => ({ ...c, services: c.services.map((s) => ({ ...s, escalation_policy: undefined })) });
