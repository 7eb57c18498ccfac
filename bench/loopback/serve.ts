/**
 * Runs the loopback OpenStack (`OpenStackLoopback` of
 * `@canopy-idp/plugin-openstack-node/testUtils`) in its own process:
 * `serve.ts '<options as JSON>'` prints `READY <auth URL>` once it listens,
 * and stops when its parent closes stdin.
 */
import { OpenStackLoopback } from '@canopy-idp/plugin-openstack-node/testUtils';

const loop = new OpenStackLoopback(JSON.parse(process.argv[2]));
loop.start().then(url => {
  process.stdout.write(`READY ${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => loop.stop().then(() => process.exit(0)));
});
