import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** How the server is run: the compiled bundle with plain node, or the TypeScript source through tsx. */
export type Runner = 'compiled' | 'tsx';

const ARGS: Record<Runner, string[]> = {
  compiled: ['dist/server/index.js'],
  tsx: ['--import', 'tsx', 'server/src/index.ts'],
};

/** dist/server, built the way `npm run build:server` does (the console is not needed here). */
export function buildServerBundle() {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], { stdio: 'pipe', env: cleanEnv() });
}

/** The test process's environment without what vitest or a loader put there: the server sees what an operator's shell would. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name === 'NODE_OPTIONS' || name.startsWith('VITEST') || name === 'NODE_ENV') delete env[name];
  return { ...env, DAILY_JOBS_AT: 'off', LOG_LEVEL: 'info', PORT: '0', ...extra };
}

export function tempDir(onDone: (cleanup: () => void) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-ops-'));
  onDone(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote so far (stdout then stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stop(): Promise<void>;
}

/** Spawns the server on a free port and resolves once it logged "Cascade listening" (or rejects with its output). */
export function startServer(runner: Runner, env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ARGS[runner], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const output = () => stdout + stderr;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = () => {
      const listening = stdout.split('\n').find((line) => line.includes('"msg":"Cascade listening"'));
      if (!listening) return;
      child.stdout!.off('data', onData);
      resolve({ child, port: JSON.parse(listening).port, output, exited, stop });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening:\n${output()}`)));
  });
}

/** Runs a compiled program (by default the server, for a boot that must fail) to its exit. */
export function runToExit(env: Record<string, string>, args = ARGS.compiled, timeoutMs = 10_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, args, { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An answer that started (status line received) but did not arrive whole. */
export class CutAnswer extends Error {}

/** One request; resolves with the whole answer, rejects if the connection fails or (CutAnswer) the answer is cut. */
export function get(port: number, urlPath: string, options: { agent?: http.Agent; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, agent: options.agent ?? false, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => (res.complete ? resolve({ status: res.statusCode!, headers: res.headers, body }) : reject(new CutAnswer())));
      res.on('error', () => reject(new CutAnswer()));
      res.on('close', () => reject(new CutAnswer()));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls GET /api/health/ready until it answers 200. */
export async function waitUntilReady(port: number, timeoutMs = 15_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await get(port, '/api/health/ready').catch(() => null);
    if (answer?.status === 200) return answer;
    if (Date.now() > deadline) throw new Error(`/api/health/ready did not answer 200 within ${timeoutMs} ms (last: ${answer?.status})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
