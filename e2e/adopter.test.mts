/**
 * Adopter test: does "install Canopy into another Backstage" work as the
 * READMEs say? Run by scripts/test.sh (yarn test:adopter); prints its phase
 * times.
 *
 *   1.-3. the app: Canopy's packages packed, a fresh create-app app bumped to
 *      this repository's release, installed, the READMEs' steps applied
 *      (e2e/adopter/prepare.mts). The test prepares it itself, or takes the
 *      folder scripts/test.sh prepared while earlier steps ran
 *      (CANOPY_ADOPTER_PREPARED=<folder>);
 *   4. boot: the app's frontend built and served by its backend on a free
 *      port, configured as an adopter would for the OpenStack test bed;
 *   5. checks over HTTP and in headless Chromium.
 *
 * The app lives in a temporary folder, removed afterwards unless
 * CANOPY_KEEP_ADOPTER_APP=1. Logs and screenshots go to artifacts/adopter/.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium } from './chromium.mts';
import { parse, stringify } from 'yaml';
import {
  artifacts,
  cleanEnv,
  PACKAGES,
  phase,
  type Phase,
  prepareApp,
  readJson,
  release,
  root,
  run,
} from './adopter/prepare.mts';
import { until } from '../plugins/delivery-common/src/testUtils/until.ts';
import { freePort } from '../plugins/delivery-common/src/testUtils/freePort.ts';
import { callApi } from '../packages/backend/src/__testUtils__/api.ts';

const cloudsYaml = path.join(root, '.testbed/openstack/clouds.yaml');
const testbedSkipped = process.env.CANOPY_SKIP_OPENSTACK_TESTBED === '1';
/** Packages an app must hold once: React, the router, and Backstage's singletons and extension registries. */
const SINGLETONS = [
  'react',
  'react-dom',
  'react-router-dom',
  '@backstage/core-plugin-api',
  '@backstage/core-components',
  '@backstage/core-compat-api',
  '@backstage/frontend-plugin-api',
  '@backstage/plugin-catalog-react',
  '@backstage/plugin-scaffolder-react',
  '@backstage/backend-plugin-api',
  '@backstage/plugin-catalog-node',
  '@backstage/plugin-scaffolder-node',
  '@backstage/plugin-permission-node',
];

const phases: Phase[] = [];
let work = '';
let app = '';
let baseUrl = '';
let backend: ChildProcess | undefined;
let backendLog = '';
let token = '';

/** What the adopter configures for their environment: ports, the test bed cloud, catalog locations. */
function adopterConfig(port: number) {
  baseUrl = `http://localhost:${port}`;
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
    },
    openstack: {
      clouds: testbedSkipped
        ? []
        : [
            {
              name: 'lab',
              cloudsYaml: { file: cloudsYaml, cloud: 'osl-demo' },
              // The test bed's project demo belongs to its team A (owner of
              // payments) and to the fresh app's guest, who uses the forms.
              projects: [
                {
                  name: 'demo',
                  owners: ['group:default/team-a', 'user:development/guest'],
                },
              ],
            },
          ],
    },
    catalog: {
      locations: [
        // The README's url location to templates/all.yaml, as a file here (no GitHub).
        {
          type: 'file',
          target: path.join(root, 'templates/all.yaml'),
          rules: [{ allow: ['Location', 'Template'] }],
        },
        {
          type: 'file',
          target: path.join(root, 'testbed/openstack/catalog-info.yaml'),
          rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
        },
      ],
    },
  };
  const file = path.join(app, 'app-config.adopter.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

async function boot() {
  await run('yarn', ['workspace', 'app', 'build'], {
    cwd: app,
    log: 'app-build',
  });
  const config = adopterConfig(await freePort());
  backend = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      path.join(app, 'app-config.yaml'),
      '--config',
      config,
    ],
    {
      cwd: app,
      env: cleanEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    backendLog = (backendLog + chunk.toString()).slice(-200_000);
  };
  backend.stdout?.on('data', keep);
  backend.stderr?.on('data', keep);
  const deadline = Date.now() + 600_000;
  for (;;) {
    const ok = await fetch(`${baseUrl}/api/openstack/health`)
      .then(r => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (backend.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `the adopter backend did not answer /api/openstack/health:\n${backendLog.slice(
          -4000,
        )}`,
      );
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  token = (await guest.json()).backstageIdentity.token;
}

const api = (method: string, url: string, body?: object) =>
  callApi(baseUrl, token, method, url, body);

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  const started = Date.now();
  const preparedIn = process.env.CANOPY_ADOPTER_PREPARED;
  if (preparedIn) {
    const file = path.join(preparedIn, 'prepared.json');
    const failed = path.join(preparedIn, 'failed.txt');
    assert.ok(
      existsSync(file),
      `the adopter's app was not prepared in ${preparedIn}: ${
        existsSync(failed)
          ? readFileSync(failed, 'utf8').slice(-4000)
          : 'no result (see artifacts/adopter-prepare.log)'
      }`,
    );
    const prepared = readJson(file);
    work = prepared.work;
    app = prepared.app;
    phases.push(...prepared.phases);
    console.log(
      `[adopter] prepared while earlier steps ran: ${prepared.phases
        .map(([n, sec]: Phase) => `${n} ${sec.toFixed(1)} s`)
        .join('; ')}`,
    );
  } else {
    work = mkdtempSync(path.join(tmpdir(), 'canopy-adopter-'));
    const prepared = await prepareApp(work);
    app = prepared.app;
    phases.push(...prepared.phases);
  }
  await phase(phases, 'build the app and boot the backend', boot);
  console.log(
    `[adopter] ready after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

after(async () => {
  if (backend?.pid && backend.exitCode === null) {
    try {
      process.kill(-backend.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  writeFileSync(path.join(artifacts, 'backend.log'), backendLog);
  console.log(
    `[adopter] phases: ${phases
      .map(([n, s]) => `${n} ${s.toFixed(1)} s`)
      .join('; ')}`,
  );
  if (work && process.env.CANOPY_KEEP_ADOPTER_APP !== '1') {
    await new Promise(r => setTimeout(r, 2000));
    rmSync(work, { recursive: true, force: true });
  } else if (work) {
    console.log(`[adopter] the app is kept in ${app}`);
  }
});

test('each plugin README names the Backstage release it is tested with', () => {
  for (const [folder] of PACKAGES) {
    const readme = readFileSync(path.join(root, folder, 'README.md'), 'utf8');
    assert.match(
      readme,
      new RegExp(`Tested with Backstage ${release.replace(/\./g, '\\.')}\\b`),
      `${folder}/README.md does not say "Tested with Backstage ${release}"`,
    );
  }
});

test("the app holds one copy of React, the router and Backstage's singletons", () => {
  const lock = readFileSync(path.join(app, 'yarn.lock'), 'utf8');
  for (const name of SINGLETONS) {
    const versions = new Set(
      [
        ...lock.matchAll(
          new RegExp(
            `^"${name.replace(
              /[/.]/g,
              '\\$&',
            )}@[^\\n]*\\n {2}version: ([^\\n]+)`,
            'gm',
          ),
        ),
      ].map(m => m[1]),
    );
    assert.equal(versions.size, 1, `${name}: ${[...versions].join(', ')}`);
  }
});

test('/api/openstack/health answers', async () => {
  const res = await fetch(`${baseUrl}/api/openstack/health`);
  assert.equal(res.status, 200);
});

test('the delivery backend installed from its README records a request for the signed-in user', async () => {
  assert.equal((await fetch(`${baseUrl}/api/delivery/health`)).status, 200);
  const mine = await api('GET', 'delivery/requests?mine=true');
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.deepEqual(mine.body, { items: [] });
  // A pull request URL of a host without an integration is refused by name.
  const refused = await api('POST', 'delivery/requests', {
    taskId: 'adopter-task',
    title: 'adopter',
    entityRef: 'resource:default/adopter',
    pullRequestUrl: 'https://git.example.invalid/a/b/pull/1',
  });
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  assert.match(refused.body.error.message, /^pullRequestUrl: /);
});

test('the scaffolder lists every canopy:* action, with schema and examples', async () => {
  const { status, body } = await api('GET', 'scaffolder/v2/actions');
  assert.equal(status, 200);
  const canopy = body.filter((a: { id: string }) => a.id.startsWith('canopy:'));
  // Every action of every scaffolder module, each with its examples file.
  const expected = readdirSync(path.join(root, 'plugins'))
    .filter(dir => dir.startsWith('scaffolder-backend-module-'))
    .flatMap(dir =>
      readdirSync(path.join(root, 'plugins', dir, 'src/actions'), {
        recursive: true,
        encoding: 'utf8',
      }),
    )
    .filter(f => /create\w+Action\.examples\.ts$/.test(String(f))).length;
  assert.equal(canopy.length, expected, canopy.map((a: any) => a.id).join());
  for (const action of canopy) {
    assert.ok(action.schema?.input, `${action.id} has no input schema`);
    assert.ok(action.examples?.length, `${action.id} has no examples`);
  }
});

test(
  'a dry-run of the openstack-volume template passes',
  {
    skip:
      testbedSkipped &&
      'CANOPY_SKIP_OPENSTACK_TESTBED=1: the template checks quota on the test bed',
  },
  async () => {
    const template = parse(
      readFileSync(
        path.join(root, 'templates/openstack-volume/template.yaml'),
        'utf8',
      ),
    );
    const { status, body } = await api('POST', 'scaffolder/v2/dry-run', {
      template,
      values: {
        name: 'archive',
        owner: 'group:default/guests',
        location: { cloud: 'lab', region: 'RegionOne', project: 'demo' },
        sizeGiB: 1,
        repoUrl: 'github.com?owner=acme&repo=infrastructure',
      },
      secrets: {},
      directoryContents: [],
    });
    assert.equal(status, 200, JSON.stringify(body).slice(0, 3000));
    const files = body.directoryContents.map((f: { path: string }) => f.path);
    assert.ok(
      files.some((f: string) => f.endsWith('.tf')),
      `no Terraform written: ${files}`,
    );
  },
);

test(
  "an annotated entity's OpenStack resources come back, and its tab renders in Chromium",
  { skip: testbedSkipped && 'CANOPY_SKIP_OPENSTACK_TESTBED=1' },
  async () => {
    assert.ok(
      existsSync(cloudsYaml),
      `${cloudsYaml} is missing: start the test bed`,
    );
    let res = await api(
      'GET',
      'openstack/entities/component/default/payments/resources',
    );
    for (let i = 0; res.status === 404 && i < 120; i++) {
      // The catalog reads the test bed's catalog-info.yaml shortly after boot.
      await new Promise(r => setTimeout(r, 1000));
      res = await api(
        'GET',
        'openstack/entities/component/default/payments/resources',
      );
    }
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.resources.servers.map((s: { name: string }) => s.name).sort(),
      ['payments-web-1', 'payments-web-2'],
    );
    // Multi-tenant with the README's configuration even under the fresh
    // app's allow-all policy: orders names the test bed's project team-b,
    // which this configuration does not map to any owner.
    const refused = await api(
      'GET',
      'openstack/entities/component/default/orders/resources',
    );
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal(
      refused.body.error.message,
      "component:default/orders: project 'team-b' of cloud 'lab' is not mapped to any owner; rule: Canopy reads only the projects listed under openstack.clouds[lab].projects",
    );

    const browser = await launchChromium();
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    page.setDefaultTimeout(120_000);
    try {
      await page.goto(
        `${baseUrl}/catalog/default/component/payments/openstack`,
      );
      await page.getByRole('button', { name: 'Enter' }).click();
      const servers = page.getByTestId('openstack-servers');
      for (const name of ['payments-web-1', 'payments-web-2']) {
        await servers.getByText(name, { exact: true }).waitFor();
      }
      await page.screenshot({
        path: path.join(artifacts, 'entity-openstack.png'),
      });
    } catch (error) {
      await page
        .screenshot({
          path: path.join(artifacts, 'entity-openstack-failure.png'),
          fullPage: true,
        })
        .catch(() => undefined);
      throw error;
    } finally {
      await browser.close();
    }
  },
);

test(
  "the catalog module lists the test bed's project as a System and its servers as Resources",
  { skip: testbedSkipped && 'CANOPY_SKIP_OPENSTACK_TESTBED=1' },
  async () => {
    // The README's defaults: the first run 15 s after start. Both waits poll
    // for their condition (300 times, a second apart), as the e2e tests do.
    const system = await until(
      'the System openstack-lab-demo in the catalog',
      async () => {
        const res = await api(
          'GET',
          'catalog/entities/by-name/system/default/openstack-lab-demo',
        );
        return res.status === 404 ? undefined : res;
      },
      300,
      1000,
    );
    assert.equal(system.status, 200, JSON.stringify(system.body));
    assert.equal(system.body.spec.owner, 'group:default/team-a');
    // The catalog takes the provider's entities in over a while: the test
    // waits for the two servers it names, not for any two servers.
    const wanted = ['payments-web-1', 'payments-web-2'];
    let titles: string[] = [];
    await until(
      `the servers ${wanted.join(', ')} in the catalog`,
      async () => {
        const res = await api(
          'GET',
          'catalog/entities/by-query?filter=kind=resource,spec.type=openstack-server,spec.system=openstack-lab-demo&limit=100',
        );
        titles = (res.body?.items ?? []).map(
          (s: { metadata: { title: string } }) => s.metadata.title,
        );
        return wanted.every(name => titles.includes(name)) ? titles : undefined;
      },
      300,
      1000,
    ).catch(() => undefined); // the assertions below name what is missing
    for (const name of wanted) {
      assert.ok(titles.includes(name), `${name} not among ${titles}`);
    }
  },
);
