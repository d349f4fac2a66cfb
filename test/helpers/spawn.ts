// Runs the real bot (`node dist/main.js`, or `npm start`) as a child process, collects its
// output, and finds the URL it listens on from its JSON start-up log line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Spawned {
  child: ChildProcessWithoutNullStreams;
  /** Sends a signal to the whole process group (npm and the node it started). */
  kill(signal: NodeJS.Signals): void;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The http://host:port from the "switchboard started" log line. */
  url(): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnBot(env: NodeJS.ProcessEnv, cmd: string[] = [process.execPath, 'dist/main.js']): Spawned {
  const child = spawn(cmd[0], cmd.slice(1), {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so killing it also kills what `npm start` spawned.
    detached: true,
  });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (re: RegExp, timeoutMs = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
      const check = () => {
        const m = out.match(re);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else waiters.push(check);
      };
      void exited.then(() => {
        const m = out.match(re);
        if (!m) {
          clearTimeout(timer);
          reject(new Error(`process exited before ${re}; stdout:\n${out}\nstderr:\n${err}`));
        }
      });
      check();
    });
  return {
    child,
    kill: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
    stdout: () => out,
    stderr: () => err,
    waitFor,
    url: async () => (await waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*switchboard started/))[1],
    exited,
  };
}
