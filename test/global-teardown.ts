import { dropWorkerCopies } from './helpers/worker-databases';

// Drops the workers' database copies and stops the run's embedded database, if global-setup made
// or started them.
export default async function globalTeardown(): Promise<void> {
  const url = process.env.HUB_TEST_DATABASE_URL;
  if (url && globalThis.__HUB_WORKER_DATABASES__) {
    await dropWorkerCopies(url, globalThis.__HUB_WORKER_DATABASES__);
  }
  await globalThis.__HUB_EMBEDDED__?.stop();
}
