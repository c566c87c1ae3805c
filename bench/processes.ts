import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * Child processes, temporary folders and other resources (a PostgreSQL cluster) of the benchmark,
 * all released on exit: normal end, error, Ctrl-C (SIGINT) or SIGTERM. Children are killed by their
 * own process id (or process group for the npm seed, which runs node under a shell).
 */

const children = new Set<ChildProcess>();
const folders = new Set<string>();
const releases = new Set<() => void>();
const groupLeaders = new WeakSet<ChildProcess>();

export function start(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options);
  children.add(child);
  if (options.detached) groupLeaders.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

export const removeOnExit = (folder: string) => folders.add(folder);

/** `release` (synchronous) runs once at the end, after the child processes are stopped. */
export const releaseOnExit = (release: () => void) => releases.add(release);

function signal(child: ChildProcess, name: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A detached child leads its own process group: signal the whole group (npm → sh → node).
    process.kill(groupLeaders.has(child) ? -child.pid : child.pid, name);
  } catch {
    /* already gone */
  }
}

/** Stops one child: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Synchronous last-resort cleanup (also runs from the 'exit' event). */
function cleanupNow() {
  for (const child of children) signal(child, 'SIGKILL');
  for (const release of releases) {
    releases.delete(release);
    try {
      release();
    } catch (error) {
      console.error(error);
    }
  }
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

export async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stop(c)));
  cleanupNow();
}

process.on('exit', cleanupNow);
for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(name, () => {
    console.error(`\n${name}: stopping child processes and removing temporary files`);
    void cleanup().finally(() => process.exit(code));
  });
}
