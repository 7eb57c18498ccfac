/** Port checks shared by the browser test and the README walkthrough. */
import { createServer } from 'node:net';

/** Whether nothing listens on `port` at 127.0.0.1. */
export function portFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}
