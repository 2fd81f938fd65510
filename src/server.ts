import 'reflect-metadata';

import { readConfig } from './config';
import { startHub } from './hub';
import { log } from './log';

// Wiring only: read the configuration, start the hub, drain and stop it on a signal.
async function main(): Promise<void> {
  const config = readConfig();
  const hub = await startHub(config);
  log.info({ url: hub.url }, 'listening');
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping: finishing the requests in progress');
    await hub.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await hub.ready;
  log.info({ database: hub.database()?.mode }, 'neighbourhood hub ready');
  // The first line is what scripts wait for (bench/load.ts, the drain test); the rest tell a
  // person where the pages are.
  const root = hub.url.replace(/\/graphql$/, '');
  process.stdout.write(
    `Neighbourhood hub ready at ${hub.url}\n` +
      `  map page:          ${root}/\n` +
      `  GraphQL explorer:  ${root}/explorer\n` +
      `  OGC API Features:  ${root}/ogc\n`,
  );
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'the hub could not start');
  process.exit(1);
});
