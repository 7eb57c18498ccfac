/**
 * A counting pass-through in front of the test bed's Keystone: the backend
 * under test is configured with this proxy's URL as `authUrl`, so a test can
 * assert how many times Keystone was asked for a token (and so whether any
 * OpenStack call at all was possible). Every request is forwarded unchanged
 * to the real Keystone on 127.0.0.1:5000.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class KeystoneProxy {
  /** Token requests (POST /v3/auth/tokens) seen so far. */
  tokenRequests = 0;
  private server?: Server;

  constructor(private readonly target = { host: '127.0.0.1', port: 5000 }) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.method === 'POST' && req.url?.endsWith('/auth/tokens')) {
        this.tokenRequests++;
      }
      const upstream = request(
        {
          ...this.target,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            host: `${this.target.host}:${this.target.port}`,
          },
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', error => {
        res.writeHead(502);
        res.end(String(error));
      });
      req.pipe(upstream);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v3`;
  }

  async stop() {
    await new Promise<void>(resolve => this.server?.close(() => resolve()));
  }
}
