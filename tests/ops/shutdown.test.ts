import http from 'node:http';
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CutAnswer, get, startServer, tempDir, waitUntilReady, type Answer, type RunningServer } from './serverProcess.ts';

const SHUTDOWN_TIMEOUT_MS = 1500;

/** Clients on keep-alive connections sending requests back to back until told to stop. */
function keepAliveLoad(port: number, clients: number) {
  const answers: Answer[] = [];
  let cut = 0;
  let running = true;
  const loops = Array.from({ length: clients }, async (_, i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (running) {
      try {
        answers.push(await get(port, i % 2 ? '/api/health/ready' : '/api/health', { agent }));
      } catch (error) {
        if (error instanceof CutAnswer) cut++;
        // Refused or reset before any answer: the server is gone or going, try again shortly.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    agent.destroy();
  });
  return {
    answers,
    cut: () => cut,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function serverUnderTest(): Promise<RunningServer> {
  const dir = tempDir(onTestFinished);
  const server = await startServer('tsx', { DATABASE_URL: `file:${dir}/cascade.db`, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) });
  onTestFinished(server.stop);
  await waitUntilReady(server.port);
  return server;
}

describe('SIGTERM', () => {
  it('ends the server while keep-alive clients keep sending: every answer whole, none a 5xx', async () => {
    const server = await serverUnderTest();
    const load = keepAliveLoad(server.port, 8);
    onTestFinished(load.stop);
    await new Promise((r) => setTimeout(r, 700));
    const answeredBefore = load.answers.length;

    const signalled = performance.now();
    server.child.kill('SIGTERM');
    server.child.kill('SIGTERM'); // a second signal must not start a second shutdown
    const exit = await server.exited;
    await load.stop();

    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);
    expect(answeredBefore).toBeGreaterThan(50);
    expect(load.answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(load.cut()).toBe(0);
    expect(server.output()).toContain('"msg":"shutdown started"');
    expect(server.output()).toMatch(/"duration_ms":\d+,"msg":"shutdown complete"/);
    expect(server.output().match(/"msg":"shutdown started"/g)).toHaveLength(1);
  });

  it('answers a request in flight with Connection: close, then exits without waiting for the deadline', async () => {
    const server = await serverUnderTest();
    const client = net.connect(server.port, '127.0.0.1');
    onTestFinished(() => void client.destroy());
    let answer = '';
    client.on('data', (chunk: Buffer) => (answer += chunk));
    const closed = new Promise((resolve) => client.once('close', resolve));
    const body = '{"name":"Client Signal"}';
    client.write(`POST /api/clients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
    await new Promise((r) => setTimeout(r, 200));

    const signalled = performance.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    client.write(body.slice(5));
    await closed;
    const exit = await server.exited;

    // No session: a complete 401 answer, and the server closed the connection after it.
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  });

  it('cuts a request that never finishes once SHUTDOWN_TIMEOUT_MS has passed, then exits', async () => {
    const server = await serverUnderTest();
    // A client that announces a body and never sends it all: its request stays in flight.
    const stuck = net.connect(server.port, '127.0.0.1');
    onTestFinished(() => void stuck.destroy());
    stuck.on('error', () => {});
    stuck.write('POST /api/clients HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":');
    await new Promise((r) => setTimeout(r, 200));

    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const took = exit.at - signalled;

    expect(exit.code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
    expect(took).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);
    expect(server.output()).toContain('shutdown deadline reached');
  });
});
