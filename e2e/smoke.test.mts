/**
 * Browser tests: start the portal as `scripts/start.sh` does (`yarn start`:
 * frontend on :3000, backend on :7007), with app-config.testbed.yaml on top so
 * that the OpenStack plugin reads the real OpenStack test bed
 * (scripts/openstack-testbed.sh), and drive it in headless Chromium:
 *   1. guest sign-in, the catalog lists Canopy's own components;
 *   2. Create -> the VM template: the flavor and image fields list what the
 *      test bed has, the quota preview flags a request over the project's
 *      quota, the cost preview follows the flavor and count and refuses a
 *      request over the project's monthly budget, and the valid request, as
 *      the browser submits it, completes a scaffolder dry-run;
 *   3. the test bed's `payments` component (testbed/openstack/catalog-info.yaml):
 *      its overview card links to its OpenStack tab, which lists the servers,
 *      volume and load balancer seed.py tagged for it, naming what rows
 *      point at, and their run-rate from the test bed's price list;
 *   4. tenancy: the guest is in team A, so the form offers team A's project
 *      only, and the OpenStack tab of team B's `orders` says why it is not
 *      the guest's to see instead of listing it;
 *   5. the catalog's OpenStack entity provider: payments' overview lists the
 *      servers behind it among its relations (and in the catalog graph), and
 *      one server's own Resource page shows it live on its OpenStack tab;
 *   6. delivery tracking: a VM request and an environments request, created
 *      and walked to Ready through loopback GitHub, Argo CD and Kubernetes
 *      APIs and the test bed (e2e/delivery), show their timelines on
 *      "My requests" and on the entity's page, and the guest is notified.
 * Screenshots go to artifacts/e2e/ (git-ignored).
 *
 * Environment:
 *   CHROMIUM_PATH   Chromium binary (default /usr/bin/chromium)
 *   CANOPY_E2E_URL  use an already running portal instead of starting one
 *                   (test 6 needs the portal this test starts)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { portFree } from './ports.mts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium } from './chromium.mts';
import {
  Portal,
  startWorld,
  stopWorld,
  writeWorldConfig,
  type World,
} from './delivery/requests.mts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'artifacts', 'e2e');
const appUrl = process.env.CANOPY_E2E_URL ?? 'http://localhost:3000';
const backendUrl = 'http://localhost:7007';
/** The test bed's price list, as the portal reads it. */
const prices = parse(
  readFileSync(path.join(root, 'app-config.testbed.yaml'), 'utf8'),
).openstack.clouds[0].pricing.prices;
// Generous: the first frontend build on a loaded 2-core machine takes minutes.
const START_TIMEOUT_MS = 600_000;

let portal: ChildProcess | undefined;
let browser: Browser | undefined;
let world: World | undefined;
let portalLog = '';

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
    assert.ok(
      existsSync(path.join(root, '.testbed/openstack/clouds.yaml')),
      'the OpenStack test bed is not set up: run sudo ./scripts/openstack-testbed.sh first',
    );
    // The loopback GitHub, Argo CD and Kubernetes API that delivery requests
    // pass through (e2e/delivery/world.ts), and the portal's config for them.
    world = await startWorld(root);
    mkdirSync(artifacts, { recursive: true });
    const worldConfig = path.join(artifacts, 'app-config.delivery.yaml');
    writeWorldConfig(world, worldConfig);
    portal = spawn(
      'yarn',
      [
        'start',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        path.join(root, 'app-config.testbed.yaml'),
        '--config',
        worldConfig,
      ],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, BROWSER: 'none' },
      },
    );
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
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopWorld(world);
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

/**
 * Saves a screenshot of the whole page as `artifacts/e2e/<name>.png`. The
 * viewport first grows to the page's height and is restored afterwards:
 * Backstage's sidebar is fixed at the viewport's height, so a `fullPage` shot
 * of a long page would end its dark background partway down (and lay it over
 * the content).
 */
async function shootWholePage(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.scrollHeight,
      document.body?.scrollHeight ?? 0,
    ),
  );
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(height, viewport.height),
  });
  try {
    await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** A Backstage token of the guest, signed in as the browser is. */
async function guestToken(): Promise<string> {
  const signIn = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await signIn.json()).backstageIdentity.token;
}

async function signedInPage(): Promise<Page> {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({
    viewport: { width: 1400, height: 900 },
  });
  // Waits without their own limit wait up to two minutes, not 30 s.
  page.setDefaultTimeout(120_000);
  await page.goto(appUrl, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 120_000 });
  // Signed in once the app shell (sidebar) is there.
  try {
    await page
      .getByRole('link', { name: 'Create' })
      .first()
      .waitFor({ timeout: 120_000 });
  } catch (error) {
    // What the page showed instead, and what the portal printed.
    await shootWholePage(page, 'sign-in-failure').catch(() => undefined);
    writeFileSync(path.join(artifacts, 'sign-in-failure.log'), portalLog);
    await page.close();
    throw error;
  }
  return page;
}

/** Runs a test body on a new signed-in page; on failure saves `<name>-failure.png`. */
/**
 * Switches the catalog (the landing page) from the guest's owned components,
 * its default once the guest owns some, to all of them. Waits for the first
 * list so the default filter is not applied again after the switch.
 */
async function showAllComponents(page: Page) {
  await page
    .getByText(/^(Owned|All) Components \(\d+\)$/)
    .first()
    .waitFor({ timeout: 120_000 });
  await page.getByText('All', { exact: true }).first().click();
  await page
    .getByText(/^All Components \(\d+\)$/)
    .first()
    .waitFor({ timeout: 120_000 });
}

/**
 * The link to a component in the catalog table, found through the table's
 * search (the table shows 20 rows a page, and Canopy lists more).
 */
async function componentLink(page: Page, title: string) {
  await page.getByPlaceholder('Search').first().fill(title);
  const link = page.getByRole('link', { name: title, exact: true }).first();
  await link.waitFor({ timeout: 120_000 });
  return link;
}

async function onSignedInPage(
  name: string,
  body: (page: Page) => Promise<void>,
) {
  const page = await signedInPage();
  try {
    await body(page);
  } catch (error) {
    await shootWholePage(page, `${name}-failure`).catch(() => undefined);
    throw error;
  } finally {
    await page.close();
  }
}

test('the catalog lists Canopy itself after guest sign-in', () =>
  onSignedInPage('catalog', async page => {
    // The catalog is the landing page; show every entity, not only owned ones.
    await showAllComponents(page);
    // Canopy's nineteen (catalog-info.yaml), and the test bed's payments,
    // shop, batch (team A) and orders (team B): the catalog itself is not
    // filtered by project.
    await page.getByText('All Components (23)').waitFor({ timeout: 120_000 });
    for (const title of [
      'Canopy app',
      'Canopy backend',
      'OpenStack plugin',
      'OpenStack backend plugin',
      'OpenStack common',
      'OpenStack readers',
      'OpenStack catalog provider',
      'Canopy OpenStack actions',
      'Canopy GitOps actions',
      'Canopy pull request action',
      'Kubernetes cluster and namespace form field',
    ]) {
      await componentLink(page, title);
    }
    await page.getByPlaceholder('Search').first().fill('');
    await shootWholePage(page, 'catalog');
  }));

test('Create -> VM template: live flavors and images, quota and cost previews, dry-run', () =>
  onSignedInPage('vm-template', async page => {
    const shot = (name: string) => shootWholePage(page, name);
    await page.getByRole('link', { name: 'Create' }).first().click();
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'OpenStack virtual machines' });
    await card.first().waitFor({ timeout: 120_000 });
    await shot('create');
    await card.first().getByText('Choose', { exact: true }).click();

    // Step 1: name, owner, cloud, region and project (one cloud, one region,
    // and one project of the guest's team A: chosen for us).
    await page.locator('#root_name').fill('e2e-vm', { timeout: 120_000 });
    const owner = page.locator('#root_owner');
    await owner.click();
    await page
      // team-a: the Keystone group, as the Keystone org provider wrote it.
      .getByRole('option', { name: 'team-a', exact: true })
      .first()
      .click();
    const region = page
      .locator('select')
      .filter({ has: page.locator('option[value="RegionOne"]') });
    // The only cloud and region are chosen for us once the clouds load.
    await region.first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('select')].some(
          s => s.value === 'RegionOne',
        ),
      undefined,
      { timeout: 120_000 },
    );
    assert.equal(await region.inputValue(), 'RegionOne');
    // Only team A's project is offered; team B's is not the guest's to use.
    const project = page.locator('#root_location-project');
    assert.equal(await project.inputValue(), 'demo');
    assert.deepEqual(
      await project
        .locator('option:not([disabled])')
        .evaluateAll(options =>
          options.map(o => (o as HTMLOptionElement).value),
        ),
      ['demo'],
    );
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: the pickers list what the test bed has, once loaded.
    await page
      .getByRole('progressbar', { name: 'Loading flavors' })
      .waitFor({ state: 'detached', timeout: 120_000 });
    await page.locator('#root_flavor').click({ timeout: 120_000 });
    await page
      .getByRole('option', { name: /^m1\.tiny/ })
      .first()
      .waitFor({ timeout: 120_000 });
    const flavors = await page.getByRole('option').allTextContents();
    assert.ok(
      flavors.some(f => f.startsWith('m1.tiny')) &&
        flavors.some(f => f.startsWith('m1.small')),
      `flavors listed: ${flavors}`,
    );
    assert.ok(
      flavors.some(f => /vCPU/.test(f) && /RAM/.test(f)),
      String(flavors),
    );
    await page.getByRole('option', { name: /^m1\.tiny/ }).click();
    await page.locator('#root_image').click();
    // The image list loads on its own: wait for it before reading it.
    await page
      .getByRole('option', { name: /^tiny-raw/ })
      .first()
      .waitFor({ timeout: 120_000 });
    const images = await page.getByRole('option').allTextContents();
    assert.ok(
      images.some(i => i.startsWith('tiny-raw')),
      `images listed: ${images}`,
    );
    await page.getByRole('option', { name: /^tiny-raw/ }).click();
    await page.locator('#root_network').click();
    await page
      .getByRole('option', { name: /^demo-net/ })
      .click({ timeout: 120_000 });

    // Too large: the test bed's project has 3 instances left.
    await page.locator('#root_count').fill('4');
    await page
      .getByText(/exceeds the project's quota/)
      .first()
      .waitFor({ timeout: 120_000 });
    await page
      .getByText(/compute\.instances: asks for 4, 3 left \(over by 1\)/)
      .first()
      .waitFor();
    await shot('vm-form-over-quota');
    await page.getByRole('button', { name: 'Next' }).click();
    // The preview's validation keeps the form on this step.
    await page.locator('#root_flavor').waitFor();
    await page.locator('#root_count').fill('1');
    await page
      .getByText(
        "The request fits in the project's remaining quota in lab / RegionOne / demo",
      )
      .waitFor({ timeout: 120_000 });

    // The cost preview beside it, from the test bed's price list, follows
    // the flavor and the count.
    const cost = (flavor: string, count: number) => {
      const hour = prices.flavors.find(
        (f: { name: string }) => f.name === flavor,
      ).hour;
      const monthly = (Math.round(count * hour * 730 * 1e6) / 1e6).toFixed(2);
      return `${monthly} EUR a month (${(count * hour).toFixed(
        4,
      )} EUR an hour)`;
    };
    const estimated = page.getByLabel('Estimated cost');
    await page
      .getByText(cost('m1.tiny', 1), { exact: true })
      .waitFor({ timeout: 120_000 });
    await page.locator('#root_flavor').click();
    await page.getByRole('option', { name: /^m1\.small/ }).click();
    await page.locator('#root_count').fill('2');
    await page.getByText(cost('m1.small', 2), { exact: true }).waitFor();
    await shot('vm-form-cost');
    // A data volume that takes the demo project over its monthly budget: the
    // preview says so, naming the budget and by how much, and the step does
    // not go on without an override reason.
    await page.locator('#root_count').fill('1');
    await page.locator('#root_dataVolumeGiB').fill('900');
    await page
      .getByText(
        /This request exceeds the monthly budget: project demo has a monthly budget of 150\.00 EUR: .* \(over by [0-9.]+ EUR\)/,
      )
      .first()
      .waitFor({ timeout: 120_000 });
    await shot('vm-form-over-budget');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('#root_dataVolumeGiB').waitFor();
    await page.locator('#root_dataVolumeGiB').fill('0');
    await page.locator('#root_flavor').click();
    await page.getByRole('option', { name: /^m1\.tiny/ }).click();
    await page
      .getByText(/^Within the monthly budget of project demo/)
      .waitFor({ timeout: 120_000 });
    assert.equal(await estimated.textContent(), cost('m1.tiny', 1));
    await shot('vm-form');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the repository.
    await page
      .getByLabel('Owner', { exact: false })
      .last()
      .fill('acme', { timeout: 120_000 });
    await page
      .getByLabel('Repository', { exact: false })
      .last()
      .pressSequentially('infrastructure');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Review' }).click();
    await page
      .getByRole('button', { name: 'Create' })
      .waitFor({ timeout: 120_000 });
    await shot('vm-review');

    // Create: capture what the browser submits instead of running it for real
    // (there is no GitHub here), then dry-run exactly that.
    await page.route('**/api/scaffolder/v2/tasks', route =>
      route.fulfill({ status: 503, body: '{}' }),
    );
    const [task] = await Promise.all([
      page.waitForRequest(
        r =>
          r.method() === 'POST' && r.url().endsWith('/api/scaffolder/v2/tasks'),
        { timeout: 120_000 },
      ),
      page.getByRole('button', { name: 'Create' }).click(),
    ]);
    const submitted = task.postDataJSON();
    assert.equal(
      submitted.templateRef,
      'template:default/openstack-virtual-machines',
    );
    assert.deepEqual(submitted.values.location, {
      cloud: 'lab',
      region: 'RegionOne',
      project: 'demo',
    });
    assert.equal(submitted.values.flavor, 'm1.tiny');
    assert.equal(submitted.values.quota.ok, true);
    assert.equal(submitted.values.cost.currency, 'EUR');
    assert.equal(submitted.values.cost.overBudget, undefined);

    // The dry-run as the same guest user, signed in from here.
    const token = await guestToken();
    const template = parse(
      readFileSync(
        path.join(root, 'templates/openstack-virtual-machines/template.yaml'),
        'utf8',
      ),
    );
    const res = await fetch(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        template,
        values: submitted.values,
        secrets: {},
        directoryContents: [],
      }),
    });
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body).slice(0, 2000));
    const files = body.directoryContents.map((f: { path: string }) => f.path);
    assert.ok(
      files.includes('openstack/e2e-vm/catalog-info.yaml'),
      String(files),
    );
    assert.ok(files.includes('openstack/e2e-vm/main.tf'), String(files));
  }));

test("a component's OpenStack tab lists its resources in the test bed", () =>
  onSignedInPage('entity-openstack', async page => {
    await showAllComponents(page);
    await (await componentLink(page, 'Payments')).click({ timeout: 120_000 });
    // The overview card links to the tab through the tab's route ref.
    await page
      .getByRole('link', { name: /Show the OpenStack resources/ })
      .first()
      .click({ timeout: 120_000 });
    await page.waitForURL(
      /\/catalog\/default\/component\/payments\/openstack$/,
    );

    /**
     * The one row of the tab's table of `kind` whose text is `text` (strict:
     * a row listed twice fails), or the first that matches a pattern.
     */
    const row = (kind: string, text: string | RegExp) => {
      const table = page.getByTestId(`openstack-${kind}`);
      return typeof text === 'string'
        ? table.getByText(text, { exact: true })
        : table.getByText(text).first();
    };
    for (const name of ['payments-web-1', 'payments-web-2']) {
      await row('servers', name).waitFor({ timeout: 120_000 });
    }
    await row('volumes', 'payments-data').waitFor();
    await row('loadBalancers', 'payments-lb').waitFor();
    // Rows name what they point at: the router's external network, the
    // server behind the load balancer's member.
    await row('routers', 'public').waitFor();
    await row('loadBalancers', /^payments-web-1/).waitFor();
    // Only the entity's resources: not the other components' servers.
    assert.equal(await page.getByText('shop-web-1').count(), 0);
    await page.getByText('canopy.entity=component.default.payments').waitFor();
    // Its run-rate: what is listed, priced by hand from the test bed's price
    // list (a month is 730 hours).
    const listing = await (
      await fetch(
        `${backendUrl}/api/openstack/entities/component/default/payments/resources`,
        { headers: { Authorization: `Bearer ${await guestToken()}` } },
      )
    ).json();
    const { servers, volumes, floatingIps, loadBalancers } = listing.resources;
    const hourOf = (flavor: string) =>
      prices.flavors.find((f: { name: string }) => f.name === flavor).hour;
    const monthly =
      servers.reduce(
        (n: number, s: any) => n + hourOf(s.flavor.name) * 730,
        0,
      ) +
      volumes.reduce((n: number, v: any) => n + v.sizeGiB, 0) *
        prices.volumeGiBMonth +
      floatingIps.length * prices.floatingIpHour * 730 +
      loadBalancers.length * prices.loadBalancerHour * 730;
    await page
      .getByText(
        new RegExp(
          `^${(Math.round(monthly * 1e6) / 1e6).toFixed(2)} EUR a month`,
        ),
      )
      .first()
      .waitFor();
    const failed = page.getByTestId('openstack-failed-sources');
    if (await failed.count()) {
      console.log(`failed OpenStack sources: ${await failed.textContent()}`);
    }
    await shootWholePage(page, 'entity-openstack');
  }));

test("team B's component: its OpenStack tab says it is not the guest's to see", () =>
  onSignedInPage('entity-openstack-refused', async page => {
    await showAllComponents(page);
    await (await componentLink(page, 'Orders')).click({ timeout: 120_000 });
    // The entity page's "OpenStack" tab (a link in the tab bar).
    await page
      .locator('a[href$="/catalog/default/component/orders/openstack"]')
      .first()
      .click({ timeout: 120_000 });
    await page.waitForURL(/\/catalog\/default\/component\/orders\/openstack$/);
    await page
      .getByText(
        'You may not see the OpenStack resources of component:default/orders',
      )
      .waitFor({ timeout: 120_000 });
    // The reason: Canopy's owner-based policy (on in app-config.testbed.yaml)
    // allows the listing to the owners of the entity's project, team B.
    await page
      .getByText(
        /openstack\.resources\.read was denied by the portal's permission policy/,
      )
      .first()
      .waitFor();
    assert.equal(await page.getByText('orders-web-1').count(), 0);
    await shootWholePage(page, 'entity-openstack-refused');
  }));

test("payments' relations include its servers; a server's Resource page shows it live", () =>
  onSignedInPage('entity-relations', async page => {
    await showAllComponents(page);
    await (await componentLink(page, 'Payments')).click({ timeout: 120_000 });
    await page.waitForURL(/\/catalog\/default\/component\/payments$/);
    // The catalog's "Depends on resources" card: the Resources the provider
    // made from the servers, volume and load balancer seed.py tagged. The
    // card reads the relations once, when the page loads; on a busy machine
    // the provider's run (or the catalog's stitching of its relations) can
    // land after that, so the page is reloaded until all four are listed
    // (a bounded number of times).
    const expected = [
      'payments-web-1',
      'payments-web-2',
      'payments-data',
      'payments-lb',
    ];
    for (let round = 1; ; round++) {
      await page
        .getByText('Depends on resources')
        .first()
        .waitFor({ timeout: 120_000 });
      const missing: string[] = [];
      for (const name of expected) {
        const link = page.getByRole('link', { name, exact: true }).first();
        const listed = await link
          .waitFor({ timeout: missing.length ? 1_000 : 20_000 })
          .then(() => true)
          .catch(() => false);
        if (!listed) missing.push(name);
      }
      if (!missing.length) break;
      assert.ok(
        round < 15,
        `payments' "Depends on resources" card never listed ${missing.join(
          ', ',
        )} (${round} page loads)`,
      );
      await page.reload();
    }
    await shootWholePage(page, 'entity-relations');

    await page
      .getByRole('link', { name: 'payments-web-1', exact: true })
      .first()
      .click();
    await page.waitForURL(
      /\/catalog\/default\/resource\/openstack-server-[0-9a-f-]+$/,
    );
    await page
      .locator(
        'a[href*="/catalog/default/resource/openstack-server-"][href$="/openstack"]',
      )
      .first()
      .click({ timeout: 120_000 });
    const servers = page.getByTestId('openstack-servers');
    await servers
      .getByText('payments-web-1', { exact: true })
      .waitFor({ timeout: 120_000 });
    await servers.getByText('ACTIVE').first().waitFor();
    // That server alone: not its sibling.
    assert.equal(await page.getByText('payments-web-2').count(), 0);
    await shootWholePage(page, 'resource-openstack');

    // The project's System: its OpenStack card gives the whole project's
    // run-rate (every entity's resources and the untagged ones), as the
    // backend computes it from the test bed's price list.
    const { runRate } = await (
      await fetch(
        `${backendUrl}/api/openstack/clouds/lab/run-rate?project=demo`,
        {
          headers: { Authorization: `Bearer ${await guestToken()}` },
        },
      )
    ).json();
    assert.ok(runRate.monthly > 0, JSON.stringify(runRate));
    await page.goto(`${appUrl}/catalog/default/system/openstack-lab-demo`);
    const projectRate = page.getByLabel('Project run-rate');
    await projectRate
      .getByText(new RegExp(`^${runRate.monthly.toFixed(2)} EUR a month`))
      .waitFor({ timeout: 120_000 });
    await shootWholePage(page, 'system-openstack');
  }));

test('delivery: My requests and the entity page show each request from Create to Ready', async () => {
  assert.ok(
    world,
    'the delivery test needs the portal this test starts (unset CANOPY_E2E_URL)',
  );
  const portalApi = await Portal.signIn(backendUrl, world);
  const vm = await portalApi.walkVmRequest('nightly-reports');
  // "payments" is the test bed's component: its page shows the card.
  const environments = await portalApi.walkEnvironmentsRequest('payments');
  for (const r of [vm, environments]) {
    assert.equal((await portalApi.request(r.id)).state, 'ready');
  }
  const told = (await portalApi.notifications()).map(n => n.payload.title);
  for (const title of [
    `Merged: ${vm.title}`,
    `Applied: ${vm.title}`,
    `Ready: ${vm.title}`,
    `Ready: ${environments.title}`,
  ]) {
    assert.ok(told.includes(title), `notified "${title}": ${told}`);
  }

  await onSignedInPage('delivery-my-requests', async page => {
    await page.goto(`${appUrl}/delivery`);
    await page.getByText(vm.title).first().waitFor({ timeout: 120_000 });
    await page.getByText(environments.title).first().waitFor();
    // The newest request shows its stages; open the other one's too.
    const show = page.getByRole('button', { name: 'Show stages' });
    while (await show.count()) await show.first().click();
    for (const stage of ['Apply pipeline', 'OpenStack', 'Argo CD', 'KRO']) {
      await page.getByText(stage, { exact: true }).first().waitFor();
    }
    await shootWholePage(page, 'delivery-my-requests');
  });

  await onSignedInPage('delivery-entity', async page => {
    await page.goto(`${appUrl}/catalog/default/component/payments`);
    await page
      .getByText(environments.title)
      .first()
      .waitFor({ timeout: 120_000 });
    await page.getByText('Argo CD', { exact: true }).first().waitFor();
    await page.getByText('What the pull request asked for').first().waitFor();
    const card = page.getByText(environments.title).first();
    await card.scrollIntoViewIfNeeded();
    await shootWholePage(page, 'delivery-entity-timeline');
  });
});
