/**
 * The adopter's app, made ready for the adopter test (e2e/adopter.test.mts):
 *
 *   1. pack: build and pack Canopy's packages as a registry would serve them;
 *   2. app: a fresh `@backstage/create-app` app, bumped to the Backstage
 *      release in this repository's backstage.json (`backstage-cli
 *      versions:bump`, fed a release manifest made from this repository's
 *      lockfile, since versions.backstage.io cannot be reached here);
 *   3. install: `yarn install`, then the READMEs' marked steps
 *      (readmeSteps.mts) with Canopy's packages taken from the tarballs; the
 *      app's root `resolutions` point @canopy-idp/* at the same tarballs,
 *      standing in for the registry for transitive dependencies.
 *
 * The test calls prepareApp itself, unless it is given a folder prepared
 * earlier. scripts/test.sh prepares one that way while the OpenStack test bed
 * starts and the tests before the adopter test run:
 *
 *   node e2e/adopter/prepare.mts <folder>
 *
 * writes `<folder>/packed` once the packages are packed (`yarn pack` rewrites
 * each package.json while it runs, so nothing else may read the workspace
 * until then), then `<folder>/prepared.json` (the app's folder and the phase
 * times), or `<folder>/failed.txt` with the error. Command logs go to
 * artifacts/adopter/.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { mergeConfig, readmeSteps } from './readmeSteps.mts';

/** A phase's name and its time in seconds. */
export type Phase = [string, number];

/** What prepareApp leaves: the work folder, the app in it, and the phase times. */
export interface PreparedApp {
  work: string;
  app: string;
  phases: Phase[];
}

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
export const artifacts = path.join(root, 'artifacts', 'adopter');
export const release: string = JSON.parse(
  readFileSync(path.join(root, 'backstage.json'), 'utf8'),
).version;

/** Canopy's packages: workspace folder, package name. */
export const PACKAGES = [
  ['plugins/openstack-common', '@canopy-idp/plugin-openstack-common'],
  ['plugins/openstack-node', '@canopy-idp/plugin-openstack-node'],
  ['plugins/openstack-backend', '@canopy-idp/plugin-openstack-backend'],
  ['plugins/scaffolder-node', '@canopy-idp/plugin-scaffolder-node'],
  [
    'plugins/scaffolder-backend-module-openstack',
    '@canopy-idp/plugin-scaffolder-backend-module-openstack',
  ],
  [
    'plugins/scaffolder-backend-module-gitops',
    '@canopy-idp/plugin-scaffolder-backend-module-gitops',
  ],
  [
    'plugins/scaffolder-backend-module-pipeline',
    '@canopy-idp/plugin-scaffolder-backend-module-pipeline',
  ],
  [
    'plugins/scaffolder-backend-module-delivery',
    '@canopy-idp/plugin-scaffolder-backend-module-delivery',
  ],
  [
    'plugins/scaffolder-backend-module-canopy',
    '@canopy-idp/plugin-scaffolder-backend-module-canopy',
  ],
  ['plugins/frontend-common', '@canopy-idp/frontend-common'],
  ['plugins/openstack', '@canopy-idp/plugin-openstack'],
  [
    'plugins/catalog-backend-module-openstack',
    '@canopy-idp/plugin-catalog-backend-module-openstack',
  ],
  [
    'plugins/catalog-backend-module-keystone-org',
    '@canopy-idp/plugin-catalog-backend-module-keystone-org',
  ],
  [
    'plugins/scaffolder-module-kubernetes',
    '@canopy-idp/plugin-scaffolder-module-kubernetes',
  ],
  ['plugins/delivery-common', '@canopy-idp/plugin-delivery-common'],
  ['plugins/delivery-node', '@canopy-idp/plugin-delivery-node'],
  ['plugins/delivery-backend', '@canopy-idp/plugin-delivery-backend'],
  ['plugins/delivery', '@canopy-idp/plugin-delivery'],
] as const;

/** Runs one phase, records its time in `phases` and prints it. */
export async function phase<T>(
  phases: Phase[],
  name: string,
  body: () => Promise<T>,
): Promise<T> {
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
export function run(
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
export function cleanEnv(): NodeJS.ProcessEnv {
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

export const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8'));
export const writeJson = (file: string, data: unknown) =>
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

async function pack(work: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  // The packages' builds read the declarations in dist-types. scripts/test.sh
  // has just written them with its type-check (yarn tsc:full) and says so.
  if (process.env.CANOPY_DIST_TYPES_FRESH !== '1') {
    await run('yarn', ['tsc'], { cwd: root, log: 'pack-tsc' });
  }
  const packOne = async ([folder, name]: (typeof PACKAGES)[number]) => {
    const cwd = path.join(root, folder);
    await run('yarn', ['build'], { cwd, log: `pack-build-${name.slice(12)}` });
    const out = path.join(work, 'packages', `${name.slice(12)}.tgz`);
    await run('yarn', ['pack', '--out', out], {
      cwd,
      log: `pack-${name.slice(12)}`,
    });
    return out;
  };
  // Two packages at a time: each build and pack is one process on one core.
  const queue = [...PACKAGES];
  const packed = new Map<string, string>();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      packed.set(next[1], await packOne(next));
    }
  };
  await Promise.all([worker(), worker()]);
  for (const [, name] of PACKAGES) tarballs.set(name, packed.get(name)!);
  return tarballs;
}

async function createApp(
  work: string,
  tarballs: Map<string, string>,
): Promise<string> {
  const app = path.join(work, 'app');
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
    // versions:bump asks the registry once per package (`yarn npm info`); one
    // look-up the registry drops fails it whole. It only rewrites version
    // ranges, so it is run again, up to three times, for that failure alone.
    for (let attempt = 1; ; attempt++) {
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
        break;
      } catch (error) {
        const lookUp = /Command 'yarn npm info .*' exited with code/.test(
          (error as Error).message,
        );
        if (!lookUp || attempt === 3) throw error;
      }
    }
  } finally {
    manifest.server.close();
  }
  assert.equal(readJson(path.join(app, 'backstage.json')).version, release);

  // The registry's gaps, worked around as in this repository's root
  // package.json (see README "Registry gaps": resolutions, and the native
  // builds nothing needs skipped), and Canopy's packages served from the
  // tarballs in place of a registry.
  const pkg = readJson(path.join(app, 'package.json'));
  const ours = readJson(path.join(root, 'package.json'));
  pkg.resolutions = {
    ...pkg.resolutions,
    ...Object.fromEntries(
      Object.entries(ours.resolutions).filter(
        ([k]) => !k.startsWith('@types/'),
      ),
    ),
    ...Object.fromEntries(
      [...tarballs].map(([name, file]) => [name, `file:${file}`]),
    ),
  };
  pkg.dependenciesMeta = { ...pkg.dependenciesMeta, ...ours.dependenciesMeta };
  writeJson(path.join(app, 'package.json'), pkg);
  return app;
}

/**
 * Applies the marked steps of every package README. The `yarn add` steps of
 * one workspace folder run as one `yarn --cwd <folder> add` naming all their
 * packages (what each README says, given at once: one resolution and link of
 * the app instead of one per README); file edits are applied in README order.
 */
async function applyReadmes(app: string, tarballs: Map<string, string>) {
  const applied: string[] = [];
  const adds = new Map<string, string[]>();
  for (const [folder] of PACKAGES) {
    const steps = readmeSteps(path.join(root, folder, 'README.md'));
    // Libraries (backstage.role *-library) come with the packages that use
    // them: nothing to install by hand. Every other package says how.
    const role: string = JSON.parse(
      readFileSync(path.join(root, folder, 'package.json'), 'utf8'),
    ).backstage.role;
    if (!role.endsWith('-library')) {
      assert.ok(steps.length, `${folder}/README.md marks no install step`);
    }
    for (const step of steps) {
      if (step.kind === 'yarn-add') {
        adds.set(step.cwd, [
          ...(adds.get(step.cwd) ?? []),
          ...step.packages.map(p =>
            tarballs.has(p) ? `${p}@file:${tarballs.get(p)}` : p,
          ),
        ]);
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
  for (const [cwd, specs] of adds) {
    await run('yarn', ['--cwd', cwd, 'add', ...specs], {
      cwd: app,
      log: `readme-yarn-add-${cwd.replace(/\W+/g, '-')}`,
    });
  }
  console.log(`[adopter] README steps applied:\n  ${applied.join('\n  ')}`);
}

/**
 * Packs Canopy's packages into `<work>/packages`, creates the app in
 * `<work>/app`, installs it and applies the READMEs' steps. `onPacked` is
 * called once nothing reads the workspace any more.
 */
export async function prepareApp(
  work: string,
  onPacked: () => void = () => {},
): Promise<PreparedApp> {
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(path.join(work, 'packages'), { recursive: true });
  const phases: Phase[] = [];
  const tarballs = await phase(phases, "pack Canopy's packages", () =>
    pack(work),
  );
  onPacked();
  const app = await phase(phases, 'create-app and versions:bump', () =>
    createApp(work, tarballs),
  );
  await phase(phases, 'yarn install', () =>
    run('yarn', ['install'], { cwd: app, log: 'yarn-install' }),
  );
  await phase(phases, 'README steps', () => applyReadmes(app, tarballs));
  return { work, app, phases };
}

/** `node e2e/adopter/prepare.mts <folder>`: see the header. */
async function main(work: string | undefined) {
  if (!work) {
    console.error('usage: node e2e/adopter/prepare.mts <folder>');
    process.exit(2);
  }
  mkdirSync(work, { recursive: true });
  try {
    const prepared = await prepareApp(work, () =>
      writeFileSync(path.join(work, 'packed'), ''),
    );
    writeJson(path.join(work, 'prepared.json'), prepared);
  } catch (error) {
    writeFileSync(
      path.join(work, 'failed.txt'),
      String((error as Error).stack ?? error),
    );
    console.error(error);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv[2]);
}
