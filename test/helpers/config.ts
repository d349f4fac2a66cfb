// The shipped example config, as tests use it.
import { loadConfigFile, type Config } from '../../src/core/config/index.js';

export const exampleConfig = (): Config => loadConfigFile('config/switchboard.yaml', {});
