// The shipped example config, as tests use it, and the problems a config text has.
import { ConfigError, loadConfigFile, parseConfigText, type Config } from '../../src/core/config/index.js';

export const exampleConfig = (): Config => loadConfigFile('config/switchboard.yaml', {});

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
