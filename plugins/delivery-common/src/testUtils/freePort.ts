/*
 * Only Node's own modules, so that the end-to-end scripts Node runs directly
 * (e2e/*.mts) can load this file by its path.
 */
import { createServer, type AddressInfo } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on now: the operating system
 * picks it, for a server a test starts on a port it must know in advance
 * (a Backstage backend's `backend.listen.port`).
 *
 * @public
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });
}
