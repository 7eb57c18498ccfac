import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { UpstreamError } from './errors';
import { HttpClient } from './HttpClient';
import { redact } from './redact';

describe('HttpClient', () => {
  let server: Server;
  let base: string;
  let handler: (req: any, res: any) => void;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      handler(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));
  beforeEach(() => {
    hits = 0;
  });

  // A minute per call: only the timeout test, whose server never answers,
  // relies on the timeout firing, so a slow machine cannot turn an answer
  // into a timeout.
  const client = (retries = 2, timeoutMs = 60_000) =>
    new HttpClient({ retries, timeoutMs, secrets: ['hunter2-secret'] });

  it('retries an idempotent GET on 5xx and then succeeds', async () => {
    handler = (_req, res) => {
      if (hits < 3) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"message":"busy"}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }
    };
    const res = await client(2).request('GET', `${base}/x`, { what: 'test' });
    expect(res.body).toEqual({ ok: true });
    expect(hits).toBe(3);
  });

  it.each([
    ['a 5xx', 502, {}, 1],
    ['a 429', 429, { 'retry-after': '0' }, 2],
  ])(
    'gives up on %s after the configured retries, with the answer',
    async (_, status, headers, retries) => {
      handler = (_req, res) => {
        res.writeHead(status, headers);
        res.end();
      };
      await expect(
        client(retries).request('GET', `${base}/x`, { what: 'test' }),
      ).rejects.toMatchObject({ kind: 'error', status });
      expect(hits).toBe(retries + 1);
    },
  );

  it('retries a connection reset', async () => {
    handler = (req, res) => {
      if (hits === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    };
    const res = await client(2).request('GET', `${base}/x`, { what: 'test' });
    expect(res.body).toEqual([]);
    expect(hits).toBe(2);
  });

  it('never retries a POST, nor a 4xx', async () => {
    handler = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    await expect(
      client(3).request('POST', `${base}/x`, { what: 'test', body: {} }),
    ).rejects.toBeInstanceOf(UpstreamError);
    expect(hits).toBe(1);
    hits = 0;
    handler = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"itemNotFound":{"message":"no such server"}}');
    };
    await expect(
      client(3).request('GET', `${base}/x`, { what: 'compute servers' }),
    ).rejects.toThrow('compute servers: HTTP 404 no such server');
    expect(hits).toBe(1);
  });

  it('reports a timeout as such, without retrying', async () => {
    handler = () => {
      // never answers
    };
    await expect(
      client(2, 200).request('GET', `${base}/slow`, { what: 'slow' }),
    ).rejects.toMatchObject({
      kind: 'timeout',
      message: 'slow: no answer within 200 ms',
    });
    expect(hits).toBe(1);
  });

  it('retries a 429 after the wait its Retry-After asks for', async () => {
    handler = (_req, res) => {
      if (hits === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('{"message":"slow down"}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }
    };
    // The waits the client asks the timers for are recorded and not spent:
    // what is checked is the asked second, not how long the machine took.
    const waits: number[] = [];
    const realSetTimeout = global.setTimeout;
    const timers = jest.spyOn(global, 'setTimeout').mockImplementation(((
      fn: () => void,
      ms?: number,
      ...args: any[]
    ) => {
      if ((ms ?? 0) >= 100) {
        waits.push(ms!);
        return realSetTimeout(fn, 0, ...args);
      }
      return realSetTimeout(fn, ms, ...args);
    }) as typeof setTimeout);
    try {
      const res = await client(2).request('GET', `${base}/x`, {
        what: 'test',
      });
      expect(res.body).toEqual({ ok: true });
    } finally {
      timers.mockRestore();
    }
    expect(hits).toBe(2);
    expect(waits).toContain(1000);
  });

  it('reports a 403 as forbidden, without retrying', async () => {
    handler = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"forbidden":{"message":"Policy does not allow this"}}');
    };
    await expect(
      client(2).request('GET', `${base}/x`, { what: 'load-balancer' }),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
      message: 'load-balancer: HTTP 403 Policy does not allow this',
    });
    expect(hits).toBe(1);
  });

  it('scrubs secrets and tokens that an upstream echoes back', async () => {
    handler = (_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        '{"error":{"message":"bad password hunter2-secret for token gAAAAABmZXJuZXQtdG9rZW4tdmFsdWUtMTIzNDU2Nzg5"}}',
      );
    };
    const error = await client(0)
      .request('GET', `${base}/x`, { what: 'keystone' })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.message).toBe(
      'keystone: HTTP 400 bad password [secret] for token [token]',
    );
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('a-s3cr3t-b-s3cr3t', ['s3cr3t'])).toBe(
      'a-[secret]-b-[secret]',
    );
  });
});
