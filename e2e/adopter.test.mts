/**
 * Adopter test: does "install Canopy into another Backstage" work as the
 * READMEs say? Run by scripts/test.sh (yarn test:adopter); prints its phase
 * times.
 *
 *   1. pack: build and pack Canopy's packages as a registry would serve them;
 *   2. app: a fresh `@backstage/create-app` app, bumped to the Backstage
 *      release in this repository's backstage.json (`backstage-cli
 *      versions:bump`, fed a release manifest made from this repository's
 *      lockfile, since versions.backstage.io cannot be reached here);
 *   3. install: `yarn install`, then the READMEs' marked steps
 *      (e2e/adopter/readmeSteps.mts) with Canopy's packages taken from the
 *      tarballs; the app's root `resolutions` point @canopy-idp/* at the same
 *      tarballs, standing in for the registry for transitive dependencies;
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
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { mergeConfig, readmeSteps } from './adopter/readmeSteps.mts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'artifacts', 'adopter');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const cloudsYaml = path.join(root, '.testbed/openstack/clouds.yaml');
const testbedSkipped = process.env.CANOPY_SKIP_OPENSTACK_TESTBED === '1';
const release: string = JSON.parse(
  readFileSync(path.join(root, 'backstage.json'), 'utf8'),
).version;

/** Canopy's packages: workspace folder, package name. */
const PACKAGES = [
  ['plugins/openstack-common', '@canopy-idp/plugin-openstack-common'],
  ['plugins/openstack-node', '@canopy-idp/plugin-openstack-node'],
  ['plugins/openstack-backend', '@canopy-idp/plugin-openstack-backend'],
  [
    'plugins/scaffolder-backend-module-canopy',
    '@canopy-idp/plugin-scaffolder-backend-module-canopy',
  ],
  ['plugins/openstack', '@canopy-idp/plugin-openstack'],
  [
    'plugins/catalog-backend-module-openstack',
    '@canopy-idp/plugin-catalog-backend-module-openstack',
  ],
  [
    'plugins/scaffolder-module-kubernetes',
    '@canopy-idp/plugin-scaffolder-module-kubernetes',
  ],
  ['plugins/delivery-common', '@canopy-idp/plugin-delivery-common'],
  ['plugins/delivery-backend', '@canopy-idp/plugin-delivery-backend'],
  ['plugins/delivery', '@canopy-idp/plugin-delivery'],
] as const;

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

const phases: Array<[string, number]> = [];
let work = '';
let app = '';
let baseUrl = '';
let backend: ChildProcess | undefined;
let backendLog = '';
let token = '';

async function phase<T>(name: string, body: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await body();
  } finally {
    const seconds = (Date.now() - started) / 1000;
    phases.push([name, seconds]);
    console.log(`[adopter] ${name}: ${seconds.toFixed(1)} s`);
  }
}

/** Runs a command; its output goes to artifacts/adopter/<log>.log and, on failure, into the error. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; log: string; env?: Record<string, string> },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...cleanEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', c => (out += c));
    child.stderr.on('data', c => (out += c));
    child.on('error', reject);
    child.on('close', code => {
      writeFileSync(path.join(artifacts, `${options.log}.log`), out);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} (in ${
              options.cwd
            }) exited ${code}:\n${out.slice(-4000)}`,
          ),
        );
    });
  });
}

/**
 * This process's environment without what `yarn run` put there for this
 * repository, so that Yarn in the adopter's app sees only its own project.
 *
 * Under CI (any `CI`-like variable set) Yarn 4 makes every install immutable.
 * The adopter's app is new: its lockfile has to change when it installs the
 * bumped release and Canopy's packages, as it would on a developer's machine.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          !/^(npm_package_|npm_lifecycle_|npm_config_user_agent$|PROJECT_CWD$|INIT_CWD$|BERRY_BIN_FOLDER$)/.test(
            k,
          ),
      ),
    ),
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, data: unknown) =>
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);

/**
 * The release manifest that `versions:bump` would fetch from
 * versions.backstage.io: every @backstage package at the version this
 * repository resolves for `release`.
 */
function releaseManifest() {
  const lock = readFileSync(path.join(root, 'yarn.lock'), 'utf8');
  const versions = new Map<string, string>();
  for (const m of lock.matchAll(
    /^"(@backstage\/[^@"]+)@[^\n]*\n {2}version: ([^\n]+)/gm,
  )) {
    const [major, minor, patch] = m[2].split('.').map(Number);
    const previous = versions.get(m[1])?.split('.').map(Number);
    if (
      !previous ||
      major * 1e8 + minor * 1e4 + patch >
        previous[0] * 1e8 + previous[1] * 1e4 + previous[2]
    ) {
      versions.set(m[1], m[2]);
    }
  }
  return {
    releaseVersion: release,
    packages: [...versions].map(([name, version]) => ({ name, version })),
  };
}

/** Serves the manifest where versions:bump looks for it, on loopback. */
async function serveManifest(): Promise<{ url: string; server: Server }> {
  const body = JSON.stringify(releaseManifest());
  const server = createServer((req, res) => {
    if (req.url === '/v1/tags/main/manifest.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

async function pack(): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  await run('yarn', ['tsc'], { cwd: root, log: 'pack-tsc' });
  for (const [folder, name] of PACKAGES) {
    const cwd = path.join(root, folder);
    await run('yarn', ['build'], { cwd, log: `pack-build-${name.slice(12)}` });
    const out = path.join(work, 'packages', `${name.slice(12)}.tgz`);
    await run('yarn', ['pack', '--out', out], {
      cwd,
      log: `pack-${name.slice(12)}`,
    });
    tarballs.set(name, out);
  }
  return tarballs;
}

async function createApp(tarballs: Map<string, string>) {
  app = path.join(work, 'app');
  const out = await run(
    'npx',
    ['--yes', '@backstage/create-app@latest', '--path', app, '--skip-install'],
    { cwd: work, log: 'create-app', env: { BACKSTAGE_APP_NAME: 'adopter' } },
  );
  console.log(
    `[adopter] create-app wrote Backstage ${
      readJson(path.join(app, 'backstage.json')).version
    }${
      /yarn\.lock seed ✖/.test(out)
        ? ' (its yarn.lock seed cannot be fetched here)'
        : ''
    }`,
  );
  const manifest = await serveManifest();
  try {
    await run(
      'node',
      [
        path.join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
        'versions:bump',
        '--skip-install',
      ],
      {
        cwd: app,
        log: 'versions-bump',
        env: { BACKSTAGE_VERSIONS_BASE_URL: manifest.url },
      },
    );
  } finally {
    manifest.server.close();
  }
  assert.equal(readJson(path.join(app, 'backstage.json')).version, release);

  // The registry's gaps, worked around as in this repository's root
  // package.json (see README "Registry gaps"), and Canopy's packages served
  // from the tarballs in place of a registry.
  const pkg = readJson(path.join(app, 'package.json'));
  const ours = readJson(path.join(root, 'package.json')).resolutions;
  pkg.resolutions = {
    ...pkg.resolutions,
    ...Object.fromEntries(
      Object.entries(ours).filter(([k]) => !k.startsWith('@types/')),
    ),
    ...Object.fromEntries(
      [...tarballs].map(([name, file]) => [name, `file:${file}`]),
    ),
  };
  writeJson(path.join(app, 'package.json'), pkg);
}

async function applyReadmes(tarballs: Map<string, string>) {
  const applied: string[] = [];
  for (const [folder, name] of PACKAGES) {
    const steps = readmeSteps(path.join(root, folder, 'README.md'));
    // Libraries that other packages bring: nothing to install by hand.
    if (
      name !== '@canopy-idp/plugin-openstack-common' &&
      name !== '@canopy-idp/plugin-openstack-node' &&
      name !== '@canopy-idp/plugin-delivery-common'
    ) {
      assert.ok(steps.length, `${folder}/README.md marks no install step`);
    }
    for (const step of steps) {
      if (step.kind === 'yarn-add') {
        const specs = step.packages.map(p =>
          tarballs.has(p) ? `${p}@file:${tarballs.get(p)}` : p,
        );
        await run('yarn', ['--cwd', step.cwd, 'add', ...specs], {
          cwd: app,
          log: `readme-yarn-add-${applied.length}`,
        });
      } else if (step.kind === 'backend-add') {
        const file = path.join(app, step.file);
        const source = readFileSync(file, 'utf8');
        assert.match(source, /^backend\.start\(\);$/m);
        writeFileSync(
          file,
          source.replace(
            /^backend\.start\(\);$/m,
            `${step.lines.join('\n')}\nbackend.start();`,
          ),
        );
      } else {
        const file = path.join(app, step.file);
        writeFileSync(
          file,
          stringify(
            mergeConfig(parse(readFileSync(file, 'utf8')), parse(step.yaml)),
          ),
        );
      }
      applied.push(`${step.kind} (${path.relative(root, step.source)})`);
    }
  }
  console.log(`[adopter] README steps applied:\n  ${applied.join('\n  ')}`);
}

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

async function api(method: string, url: string, body?: object) {
  const res = await fetch(`${baseUrl}/api/${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  work = mkdtempSync(path.join(tmpdir(), 'canopy-adopter-'));
  mkdirSync(path.join(work, 'packages'));
  const started = Date.now();
  const tarballs = await phase("pack Canopy's packages", pack);
  await phase('create-app and versions:bump', () => createApp(tarballs));
  await phase('yarn install', () =>
    run('yarn', ['install'], { cwd: app, log: 'yarn-install' }),
  );
  await phase('README steps', () => applyReadmes(tarballs));
  await phase('build the app and boot the backend', boot);
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
  const expected = readdirSync(
    path.join(root, 'plugins/scaffolder-backend-module-canopy/src/actions'),
    { recursive: true },
  ).filter(f => /create\w+Action\.examples\.ts$/.test(String(f))).length;
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

    const browser = await chromium.launch({
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
    // The README's defaults: the first run 15 s after start.
    let system = await api(
      'GET',
      'catalog/entities/by-name/system/default/openstack-lab-demo',
    );
    for (let i = 0; system.status === 404 && i < 300; i++) {
      await new Promise(r => setTimeout(r, 1000));
      system = await api(
        'GET',
        'catalog/entities/by-name/system/default/openstack-lab-demo',
      );
    }
    assert.equal(system.status, 200, JSON.stringify(system.body));
    assert.equal(system.body.spec.owner, 'group:default/team-a');
    let servers: Array<{ metadata: { title: string } }> = [];
    for (let i = 0; servers.length < 2 && i < 300; i++) {
      const res = await api(
        'GET',
        'catalog/entities/by-query?filter=kind=resource,spec.type=openstack-server,spec.system=openstack-lab-demo&limit=100',
      );
      servers = res.body?.items ?? [];
      if (servers.length < 2) await new Promise(r => setTimeout(r, 1000));
    }
    const titles = servers.map(s => s.metadata.title);
    for (const name of ['payments-web-1', 'payments-web-2']) {
      assert.ok(titles.includes(name), `${name} not among ${titles}`);
    }
  },
);
