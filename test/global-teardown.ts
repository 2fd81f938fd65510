// Stops the run's embedded database, if global-setup started one.
export default async function globalTeardown(): Promise<void> {
  await globalThis.__HUB_EMBEDDED__?.stop();
}
