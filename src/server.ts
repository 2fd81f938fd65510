import { readConfig } from './config';
import { startHub } from './hub';
import { log } from './log';

import 'reflect-metadata';

// Wiring only: read the configuration, start the hub, stop it cleanly on a signal.
async function main(): Promise<void> {
  const config = readConfig();
  const hub = await startHub(config);
  log.info({ database: hub.database.mode }, 'neighbourhood hub ready');
  process.stdout.write(`Neighbourhood hub ready at ${hub.url}\n`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await hub.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'the hub could not start');
  process.exit(1);
});
