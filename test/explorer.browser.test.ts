import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type BrowserContext, chromium, type Page } from 'playwright-core';

import { ApiKeysService } from '../src/auth/api-keys';
import { readConfig } from '../src/config';
import type { OpenDatabase } from '../src/db/database';
import { loadExamples } from '../src/explorer/examples';
import { type Hub, startHub } from '../src/hub';

import { chromiumPath } from './helpers/chromium';
import { testDatabaseUrl } from './helpers/database';

describe('the explorer in a browser, with no internet', () => {
  let hub: Hub;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const elsewhere: string[] = [];
  const complaints: string[] = [];

  beforeAll(async () => {
    hub = await startHub({ ...readConfig({}), port: 0, databaseUrl: testDatabaseUrl() });
    await hub.ready;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-explorer-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // Every Content-Security-Policy violation the page meets, as the browser reports it to the page.
    // (Browser code as text: the tests compile without the DOM's types.)
    await context.addInitScript({
      content: `window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample));`,
    });
    page = context.pages()[0] ?? (await context.newPage());
    const origin = new URL(hub.url).origin;
    // Anything the page asks of another host is recorded and refused: the test is the offline network.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`) || url.startsWith('data:')) {
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        complaints.push(message.text());
      }
    });
    page.on('pageerror', (error) => complaints.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await hub?.stop();
  });

  it('renders GraphiQL with a tab for each README example, asking nothing of another host and breaking no CSP rule', async () => {
    await page.goto(hub.url.replace('/graphql', '/explorer'));
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    const titles = await page.locator('.graphiql-tab').allInnerTexts();
    for (const example of loadExamples()) {
      expect(titles.join('\n')).toContain(example.title);
    }
    // The schema is refused to a public caller outside development, and the page says why.
    await page.locator('.graphiql-response', { hasText: 'analysts and above' }).waitFor({ timeout: 30_000 });
    expect(elsewhere).toEqual([]);
    // The refused introspection is logged by the browser as a 401; nothing else may complain.
    expect(complaints.filter((c) => !/status of 401/.test(c))).toEqual([]);
  });

  it('runs a query from its first tab and shows the answer', async () => {
    await page.locator('.graphiql-tab').first().click();
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response', { hasText: '"wards": [' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('.graphiql-response').innerText()).resolves.toMatch(/"name": "Arboretum"/);
    expect(elsewhere).toEqual([]);
  });

  it('takes an analyst key in Headers, then fetches the schema for Docs, autocompletion and dialogs, within its CSP', async () => {
    const created = await new ApiKeysService((hub.database() as OpenDatabase).db).create(
      'explorer browser',
      'analyst',
      'jest',
    );
    try {
      await page.getByText('Headers', { exact: true }).click();
      await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').click();
      await page.keyboard.type(`{"Authorization": "Bearer ${created.key}"}`);
      // GraphiQL takes the Headers text into its state a moment after typing stops, so a re-fetch
      // pressed at once may still go out without the key; press again until the schema comes
      // (Docs opened before it has arrived stays empty).
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
        const introspection = page.waitForResponse(
          (r) => r.url().endsWith('/graphql') && /__schema/.test(r.request().postData() ?? ''),
        );
        await page.locator('[aria-label="Re-fetch GraphQL schema"]').click();
        status = (await introspection).status();
      }
      expect(status).toBe(200);
      await page
        .getByRole('button', { name: /Documentation Explorer/ })
        .first()
        .click();
      await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).waitFor({ timeout: 30_000 });
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
      await page.locator('.graphiql-doc-explorer', { hasText: 'wardChange' }).waitFor({ timeout: 30_000 });
      // Autocompletion opens CodeMirror's hint list.
      await page.locator('.graphiql-query-editor .CodeMirror').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n{ war');
      await page.locator('.CodeMirror-hints').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      // The settings and shortcuts dialogs.
      await page.locator('[aria-label="Open settings dialog"]').click();
      await page.locator('.graphiql-dialog').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await page.locator('[aria-label="Open short keys dialog"]').click();
      await page.locator('.graphiql-dialog').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      expect(await page.evaluate('window.violations')).toEqual([]);
      expect(elsewhere).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: path.join(os.tmpdir(), 'explorer-browser-failure.png') });
      throw err;
    } finally {
      await (hub.database() as OpenDatabase).db.query('DELETE FROM api_key WHERE id = $1', [created.id]);
    }
  });
});
