import { dropWorkerCopies } from './helpers/worker-databases';

// Drops the workers' database copies and stops the run's embedded database, if global-setup made
// or started them.
export default async function globalTeardown(): Promise<void> {
  // Global setup ran in this process, so its environment holds the copies' URLs.
  await dropWorkerCopies(process.env.HUB_TEST_WORKER_DATABASE_URLS);
  await globalThis.__HUB_EMBEDDED__?.stop();
}
