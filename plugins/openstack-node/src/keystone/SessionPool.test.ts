import type { CloudConfig } from '../config/types';
import { UpstreamError } from '../http/errors';
import type { Http, HttpResponse } from '../http/HttpClient';
import { SessionPool, type SessionScope } from './SessionPool';

const auth = {
  type: 'password' as const,
  username: 'canopy',
  password: 'hunter2-secret',
  projectName: 'demo',
};
const cloud: CloudConfig = {
  name: 'lab',
  authUrl: 'http://keystone.test/v3',
  interface: 'public',
  auth,
  projects: [],
};

/** A password session scoped to the project of that name. */
const scope = (name: string): SessionScope => ({
  key: `name:default/${name}`,
  auth,
  project: { name },
});

/**
 * A Keystone that knows project `demo` only (401 for any other scope, as
 * Keystone answers an unknown project), issuing tokens valid for `lifeMs`.
 */
function keystone(options: { lifeMs?: number; now: () => number }) {
  const calls: string[] = [];
  let down = false;
  const http: Http = {
    async request(_method, _url, init): Promise<HttpResponse> {
      const project = (init.body as any).auth.scope?.project;
      calls.push(project?.name ?? project?.id ?? '(default)');
      if (down)
        throw new UpstreamError('Keystone: no answer within 100 ms', 'timeout');
      if (project?.name !== 'demo') {
        throw new UpstreamError(
          'Keystone: HTTP 401 The request you have made requires authentication.',
          'error',
          401,
        );
      }
      const now = options.now();
      return {
        status: 201,
        headers: new Headers({ 'x-subject-token': `token-${calls.length}` }),
        body: {
          token: {
            issued_at: new Date(now).toISOString(),
            expires_at: new Date(
              now + (options.lifeMs ?? 3_600_000),
            ).toISOString(),
            project: { id: 'a'.repeat(32), name: 'demo' },
            catalog: [],
          },
        },
      };
    },
  };
  return { http, calls, setDown: (v: boolean) => (down = v) };
}

function pool(http: Http, now: () => number) {
  return new SessionPool({
    maxSessions: 16,
    maxFailures: 1000,
    refusalBackoffMs: 60_000,
    maxBackoffMs: 900_000,
    outageBackoffMs: 10_000,
    refreshMarginMs: 60_000,
    now,
    httpFor: () => http,
  });
}

describe('SessionPool', () => {
  it('200 distinct unknown projects cost one Keystone call each; repeats cost none within the backoff; nothing piles up', async () => {
    let now = 1_000_000;
    const { http, calls } = keystone({ now: () => now });
    const sessions = pool(http, () => now);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 200; i++) {
        await expect(
          sessions.token(cloud, scope(`bogus-${i}`)),
        ).rejects.toThrow('HTTP 401');
      }
      now += 1_000;
    }
    expect(calls).toHaveLength(200);
    // The same bad name 20 times: one call.
    for (let i = 0; i < 20; i++) {
      await expect(sessions.token(cloud, scope('bogus-7'))).rejects.toThrow();
    }
    expect(calls).toHaveLength(200);
    // No session is kept for a refused scope, only a small failure record.
    expect(sessions.stats()).toEqual({ sessions: 0, failures: 200 });

    // After the backoff one more try each, then a doubled wait.
    now += 60_000;
    await expect(sessions.token(cloud, scope('bogus-0'))).rejects.toThrow();
    await expect(sessions.token(cloud, scope('bogus-0'))).rejects.toThrow();
    expect(calls).toHaveLength(201);
    now += 60_000;
    await expect(sessions.token(cloud, scope('bogus-0'))).rejects.toThrow();
    expect(calls).toHaveLength(201);
    now += 60_000;
    await expect(sessions.token(cloud, scope('bogus-0'))).rejects.toThrow();
    expect(calls).toHaveLength(202);
  });

  it('concurrent requests for one scope share one Keystone call, and one failure', async () => {
    let now = 0;
    const { http, calls } = keystone({ now: () => now });
    const sessions = pool(http, () => now);
    const good = await Promise.all(
      Array.from({ length: 50 }, () => sessions.token(cloud, scope('demo'))),
    );
    expect(new Set(good.map(g => g.token.value)).size).toBe(1);
    expect(calls).toEqual(['demo']);

    const bad = await Promise.allSettled(
      Array.from({ length: 20 }, () => sessions.token(cloud, scope('bogus'))),
    );
    expect(bad.every(r => r.status === 'rejected')).toBe(true);
    expect(calls).toEqual(['demo', 'bogus']);
    // Counted as one failure: the first backoff, not a twentieth.
    now += 60_000;
    await expect(sessions.token(cloud, scope('bogus'))).rejects.toThrow(
      'HTTP 401',
    );
    expect(calls).toEqual(['demo', 'bogus', 'bogus']);
  });

  it('keeps the sessions of good scopes, bounded, and reuses their tokens', async () => {
    const now = 0;
    const { http, calls } = keystone({ now: () => now });
    const sessions = pool(http, () => now);
    const first = await sessions.token(cloud, scope('demo'));
    const again = await sessions.token(cloud, scope('demo'));
    expect(again.token).toBe(first.token);
    expect(calls).toEqual(['demo']);
    expect(sessions.stats().sessions).toBe(1);
  });

  it('leaves a Keystone that did not answer alone for a short while', async () => {
    let now = 0;
    const k = keystone({ now: () => now });
    const sessions = pool(k.http, () => now);
    k.setDown(true);
    await expect(sessions.token(cloud, scope('demo'))).rejects.toThrow(
      'no answer',
    );
    await expect(sessions.token(cloud, scope('demo'))).rejects.toThrow(
      'no answer',
    );
    expect(k.calls).toHaveLength(1);
    k.setDown(false);
    now += 10_000;
    await expect(sessions.token(cloud, scope('demo'))).resolves.toBeDefined();
    expect(k.calls).toHaveLength(2);
  });
});

describe('KeystoneSession token refresh', () => {
  it('keeps using a still-valid token when the early refresh fails', async () => {
    let now = 0;
    const k = keystone({ lifeMs: 120_000, now: () => now });
    const sessions = pool(k.http, () => now);
    const { session, token } = await sessions.token(cloud, scope('demo'));
    // Inside the refresh margin (a quarter of the life: 30 s), Keystone hangs.
    now += 100_000;
    k.setDown(true);
    await expect(session.getToken()).resolves.toBe(token);
    expect(k.calls).toHaveLength(2);
    // Once it has expired, there is nothing to fall back on.
    now += 25_000;
    await expect(session.getToken()).rejects.toThrow('no answer');
  });
});
