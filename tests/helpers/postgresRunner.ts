import { TestRunner, inject, type RunnerTestFile } from 'vitest';

/**
 * The node-postgres project's test runner. Without PostgreSQL on this machine (postgresGlobalSetup.ts
 * said why, and refused under CI=true) it collects every test as skipped, so that none opens a
 * database, hooks included, and the run reports them as skipped.
 */
export default class PostgresTestRunner extends TestRunner {
  override onCollectStart(file: RunnerTestFile) {
    super.onCollectStart(file);
    const postgres = inject('cascadePostgres');
    if (postgres && 'skipped' in postgres) this.config.testNamePattern = /(?!)/;
  }
}
