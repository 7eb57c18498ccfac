import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What Canopy's loopback API servers share (GitHub, GitLab, Argo CD,
 * Kubernetes): a request handler (an express app) on a free loopback port,
 * the requests it saw, and its URL.
 *
 * @public
 */
export abstract class LoopbackServer {
  /** `METHOD path` (or the path) of every request, in order. */
  readonly requests: string[] = [];
  /** The port the server listens on, once started. */
  port = 0;
  private server?: Server;

  /** Starts the server. */
  abstract start(): Promise<void>;

  /** `http://127.0.0.1:<port>`. */
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Serves `handler` (an express app) on a free loopback port. */
  protected async listen(handler: RequestListener) {
    this.server = createServer(handler).listen(0, '127.0.0.1');
    // Idle connections outlive the client's (undici keeps them 4 s): under
    // load a client never reuses one the server is closing (ECONNRESET on a
    // POST, which is not retried).
    this.server.keepAliveTimeout = 60_000;
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops the server, closing its open connections. */
  async stop() {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise(resolve => this.server!.close(resolve));
  }
}
