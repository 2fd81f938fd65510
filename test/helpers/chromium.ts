import fs from 'node:fs';

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The browser the page tests drive. A missing browser fails the test that needs it, never
 * skips it: a suite that passes without its browser tests would hide a broken page.
 */
export function chromiumPath(): string {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as .ci/run does, or set CHROMIUM_PATH`,
    );
  }
  return CHROMIUM;
}
