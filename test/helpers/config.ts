// The shipped example config, as tests use it, and the problems a config text has.
import { ConfigError, loadConfigFile, parseConfigText, type Config } from '../../src/core/config/index.js';

export const exampleConfig = (): Config => loadConfigFile('config/switchboard.yaml', {});

/**
 * The same config with no service paging anybody: for tests of other skills that advance the
 * clock and assert on everything printed, where escalation DMs would only be noise.
 */
export const withoutPaging = (c: Config): Config => ({ ...c, services: c.services.map((s) => ({ ...s, escalation_policy: undefined })) });
/** The lines a ConfigError would print for this YAML (none when it is valid). */
export const configProblems = (yaml: string, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    parseConfigText(yaml, env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};
