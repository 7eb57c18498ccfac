/**
 * Stands in, on 127.0.0.1, for the one call `canopy:publish:pull-request`
 * makes to Canopy's delivery backend: `POST /api/delivery/repositories/check`
 * with `{ host, path }` and a bearer token, answered 204 when the repository
 * is one of `owned`, else 403 with the error body Backstage's error handler
 * writes. The real endpoint and its rule are the delivery backend's
 * (`@canopy-idp/plugin-delivery-backend`, `delivery.tenancy.repositories`).
 */
import express from 'express';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** @public */
export class FakeDeliveryBackend {
  /** `host/path` of each call, in order. */
  readonly checked: string[] = [];
  private server?: Server;

  /** @param owned - `host/owner/name` of the repositories the user's teams own. */
  constructor(readonly owned: Set<string> = new Set()) {}

  /** The discovery service's shape, pointing at this server. */
  readonly discovery = {
    getBaseUrl: async (pluginId: string) => `${this.url}/api/${pluginId}`,
    getExternalBaseUrl: async (pluginId: string) =>
      `${this.url}/api/${pluginId}`,
  };

  private get url() {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start() {
    const app = express();
    app.use(express.json());
    app.post('/api/delivery/repositories/check', (req, res) => {
      if (!/^Bearer .+/.test(req.header('authorization') ?? '')) {
        res.status(401).json({
          error: { name: 'AuthenticationError', message: 'no token' },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 401 },
        });
        return;
      }
      const name = `${req.body.host}/${req.body.path}`;
      this.checked.push(name);
      if (this.owned.has(name)) {
        res.status(204).end();
        return;
      }
      res.status(403).json({
        error: {
          name: 'NotAllowedError',
          message: `repoUrl: user:default/mock does not own repository '${name}' (rule: pull requests, their checks and pipelines are read only in a repository that the requester, or one of the requester's groups now (or a group above it), owns: delivery.tenancy.repositories)`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 403 },
      });
    });
    this.server = app.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
  }

  async stop() {
    this.server?.close();
    if (this.server) await once(this.server, 'close');
  }
}
