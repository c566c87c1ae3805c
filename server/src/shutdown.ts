import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownSteps {
  /** Readiness answers 503 from now on, so a load balancer sends no more requests here. */
  notReady(): void;
  /** Stops starting new work of its own (the daily scheduler). */
  stopScheduler(): void;
  /** Stops the background workers (webhook deliveries) at once; resolves when their work in flight ended. */
  stopWorkers?(): Promise<void>;
  /** Resolves once every accepted write has committed or rolled back. */
  commitsSettled(): Promise<void>;
  /** Stops the checkpointer thread, then closes the database. */
  closeDatabase(): Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT. Without a deadline, keep-alive clients that keep sending
 * keep the server alive forever (issue 10): so new connections are refused, idle ones closed, every
 * answer from then on says `Connection: close`, and after `timeoutMs` whatever is still open is cut.
 * The database closes only once the commit queue has drained. A second signal changes nothing.
 */
export function gracefulShutdown(server: Server, logger: Logger, timeoutMs: number, steps: ShutdownSteps) {
  let started: number | null = null;
  const inFlight = new Set<ServerResponse>();

  /** This answer ends its connection; once it is out, that connection is idle and closed. */
  const lastOnItsConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };

  // Before Express sees the request, so that even an answer sent synchronously carries the header.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (started !== null) return lastOnItsConnection(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  const connectionsClosed = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });

  async function shutdown(signal: NodeJS.Signals) {
    if (started !== null) {
      logger.warn({ signal }, 'shutdown already in progress');
      return;
    }
    started = performance.now();
    logger.info({ signal, timeout_ms: timeoutMs }, 'shutdown started');
    steps.notReady();
    steps.stopScheduler();
    const workersStopped = steps.stopWorkers?.() ?? Promise.resolve();
    for (const res of inFlight) lastOnItsConnection(res);
    const deadline = setTimeout(() => {
      logger.warn({ timeout_ms: timeoutMs }, 'shutdown deadline reached: closing every connection');
      server.closeAllConnections();
    }, timeoutMs);
    try {
      await connectionsClosed();
      clearTimeout(deadline);
      await workersStopped;
      await steps.commitsSettled();
      await steps.closeDatabase();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    logger.info({ duration_ms: Math.round(performance.now() - started) }, 'shutdown complete');
    process.exit(0);
  }

  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
