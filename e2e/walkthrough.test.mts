/**
 * README walkthrough: the commands of the root README's quick start, run as
 * written, as a new user pastes them from the repository root.
 *
 * The README marks each block this test runs with an HTML comment on the line
 * before it (the adopter test marks the plugins' install blocks the same way):
 *
 *   <!-- readme-walkthrough: portal -->
 *   ```sh
 *   ./scripts/start.sh
 *   ```
 *
 * `portal` blocks start the portal and keep it running; the test waits until
 * it serves (backend health, the frontend's index page, the catalog), checks
 * what the README says it shows, stops it and checks that no process is left
 * behind (its process group gone, ports 3000 and 7007 free). The `testbed`
 * variant runs against the OpenStack test bed the suite already brought up
 * (scripts/test.sh) and checks the seeded `payments` component and its
 * servers through the OpenStack API, as the guest. A marked block with
 * another kind, or a portal block with more than one command, fails the test:
 * the README is what changes.
 *
 * The commands run through `bash -c` exactly as they stand in the README
 * (`sudo` included: the suite runs as root, as the test bed needs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { portFree } from './ports.mts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  StopWaiting,
  until,
} from '../plugins/delivery-common/src/testUtils/until.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appUrl = 'http://localhost:3000';
const backendUrl = 'http://localhost:7007';
const MARKER = /^<!-- readme-walkthrough: (portal|testbed|production) -->$/;
/** Output after which the portal never serves: fail at once, not after the bound. */
const FATAL_OUTPUT = [
  /Config file ".*" does not exist/,
  /Backend startup failed/,
  /command not found/,
  /EADDRINUSE/,
];

export type WalkthroughBlock = {
  kind: 'portal' | 'testbed' | 'production';
  command: string;
  /** README line of the command, for messages. */
  line: number;
};

/** The marked quick-start commands of a README, in order. */
export function walkthroughBlocks(readme: string): WalkthroughBlock[] {
  const lines = readme.split('\n');
  const blocks: WalkthroughBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    let j = i + 1;
    while (lines[j]?.trim() === '') j++;
    if (lines[j]?.trim() !== '```sh') {
      throw new Error(`README.md:${i + 1}: the marker must precede a sh block`);
    }
    const end = lines.indexOf('```', j + 1);
    if (end < 0) throw new Error(`README.md:${j + 1}: unclosed code block`);
    const commands = lines
      .slice(j + 1, end)
      .map((l, k) => ({ text: l.trim(), line: j + 2 + k }))
      .filter(l => l.text && !l.text.startsWith('#'));
    if (commands.length !== 1) {
      throw new Error(
        `README.md:${j + 1}: a ${marker[1]} block holds one command, found ${
          commands.length
        }`,
      );
    }
    blocks.push({
      kind: marker[1] as WalkthroughBlock['kind'],
      command: commands[0].text,
      line: commands[0].line,
    });
    i = end;
  }
  return blocks;
}

/** Processes still in a process group (empty when it is gone). */
function groupMembers(pgid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '-g', String(pgid)], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(l => l.trim());
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

/** The portal a README command started, and everything it printed. */
class StartedPortal {
  log = '';
  readonly child: ChildProcess;
  private constructor(child: ChildProcess) {
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static run(command: string): StartedPortal {
    return new StartedPortal(
      spawn('bash', ['-c', command], {
        cwd: root,
        // Its own process group, so the test can stop all it started.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, BROWSER: 'none' },
      }),
    );
  }

  /**
   * A check that fails at once, with the portal's output, if the command
   * ended or printed a failure it does not recover from (`repo start` keeps
   * the frontend running when the backend cannot start).
   */
  alive(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      throw new StopWaiting(
        `the command ended (${
          this.child.exitCode ?? this.child.signalCode
        }) before the portal served:\n${this.log.slice(-4000)}`,
      );
    }
    const fatal = FATAL_OUTPUT.find(pattern => pattern.test(this.log));
    if (fatal) {
      throw new StopWaiting(
        `the command printed a failure (${fatal}):\n${this.log.slice(-4000)}`,
      );
    }
  }

  async get(url: string, init?: RequestInit): Promise<Response | undefined> {
    try {
      return await fetch(url, init);
    } catch {
      return undefined; // not listening yet
    }
  }

  /** Stops the command's whole process group; resolves once nothing of it is left. */
  async stop(): Promise<void> {
    const pgid = this.child.pid!;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-pgid, name);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    try {
      await until(
        'the portal to stop after SIGTERM',
        async () => (groupMembers(pgid).length === 0 ? true : undefined),
        60,
        500,
      );
    } catch {
      // What SIGTERM did not end within 30 s is ended now; the test still
      // requires that nothing is left afterwards.
      signal('SIGKILL');
    }
    await until(
      `process group ${pgid} to be gone`,
      async () => (groupMembers(pgid).length === 0 ? true : undefined),
      60,
      500,
    );
  }
}

async function guestToken(portal: StartedPortal): Promise<string> {
  const res = await portal.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  assert.equal(res?.status, 200, 'guest sign-in');
  return (await res!.json()).backstageIdentity.token;
}

async function componentNames(
  portal: StartedPortal,
  token: string,
): Promise<string[] | undefined> {
  const res = await portal.get(
    `${backendUrl}/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name&limit=500`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (res?.status !== 200) return undefined;
  const body = await res.json();
  return body.items.map((e: any) => e.metadata.name);
}

/** Starts the portal with the README's command, waits until it serves, runs `check`, stops it. */
async function walk(
  block: WalkthroughBlock,
  check: (portal: StartedPortal) => Promise<void>,
) {
  for (const port of [3000, 7007]) {
    assert.ok(
      await portFree(port),
      `port ${port} is in use before README.md:${block.line} runs`,
    );
  }
  const portal = StartedPortal.run(block.command);
  try {
    // Up to 10 min each (600 polls, a second apart): the command installs
    // what is missing and, with the test bed, re-runs its (idempotent) start
    // before the frontend's build. A command that ended or printed a fatal
    // failure stops the wait at once (StopWaiting from portal.alive()).
    await until(
      `the backend of '${block.command}' to answer /api/openstack/health`,
      async () => {
        portal.alive();
        return (await portal.get(`${backendUrl}/api/openstack/health`))
          ?.status === 200
          ? true
          : undefined;
      },
      600,
      1000,
    );
    const index = await until(
      `the frontend of '${block.command}' to serve its index page`,
      async () => {
        portal.alive();
        const res = await portal.get(appUrl);
        return res?.status === 200 ? res.text() : undefined;
      },
      600,
      1000,
    );
    assert.match(index, /<div id="root"/, 'the index page holds the app root');
    await check(portal);
  } catch (error) {
    console.log(`output of '${block.command}':\n${portal.log.slice(-4000)}`);
    throw error;
  } finally {
    await portal.stop();
  }
  for (const port of [3000, 7007]) {
    assert.ok(
      await portFree(port),
      `port ${port} still in use after '${block.command}' was stopped`,
    );
  }
}

const blocks = walkthroughBlocks(
  readFileSync(path.join(root, 'README.md'), 'utf8'),
);

test('the README marks its quick-start commands', () => {
  assert.deepEqual(
    blocks.map(b => b.kind),
    ['portal', 'testbed', 'production'],
    'README.md marks the plain start, the start with the test bed and the production configuration',
  );
});

for (const block of blocks) {
  test(`README.md:${block.line}: ${block.command}`, () =>
    walk(block, async portal => {
      const token = await guestToken(portal);
      if (block.kind === 'production') {
        // The production configuration is in effect: the owner-based policy
        // (app-config.yaml alone allows all) refuses a user who is not a
        // platform admin the registration of locations.
        const res = await portal.get(`${backendUrl}/api/permission/authorize`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({
            items: [
              {
                id: 'walkthrough',
                permission: {
                  type: 'basic',
                  name: 'catalog.location.create',
                  attributes: { action: 'create' },
                },
              },
            ],
          }),
        });
        assert.equal(res?.status, 200);
        assert.equal((await res!.json()).items[0].result, 'DENY');
        return;
      }
      // Canopy's own catalog-info.yaml is registered in every portal.
      await until('the catalog to list Canopy', async () =>
        (await componentNames(portal, token))?.some(n => n.startsWith('canopy'))
          ? true
          : undefined,
      );
      if (block.kind === 'portal') return;
      await until('the catalog to list payments', async () =>
        (await componentNames(portal, token))?.includes('payments')
          ? true
          : undefined,
      );
      // The guest's team comes from Keystone: the org provider's first run
      // (5 s after start) writes the guest into team-a, and the project's
      // owners are read from Keystone at startup.
      const body = await until(
        "payments' OpenStack resources, as the guest (a member of team-a in Keystone)",
        async () => {
          const res = await portal.get(
            `${backendUrl}/api/openstack/entities/component/default/payments/resources`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          if (res?.status === 200) return res.json();
          throw new Error(`HTTP ${res?.status}: ${await res?.text()}`);
        },
      );
      assert.deepEqual(
        body.resources.servers.map((s: { name: string }) => s.name).sort(),
        ['payments-web-1', 'payments-web-2'],
      );
    }));
}

test('a fresh clone holds no build output or cache', () => {
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    console.log(`not a git checkout, nothing to check: ${error}`);
    return;
  }
  const built = tracked.filter(f =>
    /(^|\/)(__pycache__|node_modules|dist|dist-types|\.cache)\/|\.py[cod]$|\.tsbuildinfo$/.test(
      f,
    ),
  );
  assert.deepEqual(built, [], 'build output and caches belong in .gitignore');
});
