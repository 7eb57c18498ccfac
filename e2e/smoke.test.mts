/**
 * Browser smoke test: starts the portal exactly as `scripts/start.sh` does
 * (`yarn start`: frontend on :3000, backend on :7007), opens it in headless
 * Chromium, signs in as guest and checks that the catalog lists Canopy's own
 * components. Screenshots go to artifacts/e2e/ (git-ignored).
 *
 * Environment:
 *   CHROMIUM_PATH   Chromium binary (default /usr/bin/chromium)
 *   CANOPY_E2E_URL  use an already running portal instead of starting one
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'artifacts', 'e2e');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const appUrl = process.env.CANOPY_E2E_URL ?? 'http://localhost:3000';
const backendUrl = 'http://localhost:7007';
const START_TIMEOUT_MS = 180_000;

let portal: ChildProcess | undefined;
let browser: Browser | undefined;
let portalLog = '';

function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function waitFor200(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (portal && portal.exitCode !== null) {
      throw new Error(`yarn start exited early:\n${portalLog.slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not answer 200 within ${
          START_TIMEOUT_MS / 1000
        }s:\n${portalLog.slice(-4000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

before(async () => {
  assert.ok(
    existsSync(chromiumPath),
    `Chromium not found at ${chromiumPath}: install Debian's 'chromium' package (scripts/test.sh does) or set CHROMIUM_PATH`,
  );
  if (!process.env.CANOPY_E2E_URL) {
    for (const port of [3000, 7007]) {
      assert.ok(
        await portFree(port),
        `port ${port} is in use: stop the running portal, or set CANOPY_E2E_URL to test it`,
      );
    }
    const started = Date.now();
    portal = spawn('yarn', ['start'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    });
    const keep = (chunk: Buffer) => {
      portalLog = (portalLog + chunk.toString()).slice(-20_000);
    };
    portal.stdout?.on('data', keep);
    portal.stderr?.on('data', keep);
    const deadline = started + START_TIMEOUT_MS;
    await waitFor200(`${backendUrl}/api/openstack/health`, deadline);
    await waitFor200(appUrl, deadline);
    console.log(
      `portal serving after ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  if (portal?.pid && portal.exitCode === null) {
    // yarn start runs the frontend and backend as children: end the whole group.
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise(r => setTimeout(r, 2000));
    try {
      process.kill(-portal.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

test('the catalog lists Canopy itself after guest sign-in', async () => {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({
    viewport: { width: 1400, height: 900 },
  });
  try {
    await page.goto(appUrl, { timeout: 120_000 });
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 120_000 });

    // The catalog is the landing page; show every entity, not only owned ones.
    await page
      .getByText('All', { exact: true })
      .first()
      .click({ timeout: 60_000 });
    await page.getByText('All Components (6)').waitFor({ timeout: 60_000 });
    for (const title of [
      'Canopy app',
      'Canopy backend',
      'OpenStack plugin',
      'OpenStack backend plugin',
      'OpenStack common',
      'Canopy scaffolder actions',
    ]) {
      await page
        .getByRole('link', { name: title, exact: true })
        .first()
        .waitFor({ timeout: 30_000 });
    }
    await page.screenshot({
      path: path.join(artifacts, 'catalog.png'),
      fullPage: true,
    });
  } catch (error) {
    await page
      .screenshot({ path: path.join(artifacts, 'failure.png'), fullPage: true })
      .catch(() => undefined);
    throw error;
  }
});
