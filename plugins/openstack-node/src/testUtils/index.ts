/**
 * Test utilities: a fake of the OpenStack APIs at the HTTP layer, answering
 * with what Canopy's OpenStack test bed answered (recorded in `fixtures/`),
 * `FakeCloudKitty` (CloudKitty's quote call with hashmap rules, through
 * `FakeOpenStack`), `OpenStackLoopback`, an HTTP server answering the same recorded shapes for
 * any number of projects and regions (benchmarks), and `useLoopbackLocalhost`
 * for routers served through `wrapServer`.
 *
 * @packageDocumentation
 */

export {
  FakeOpenStack,
  fakeCloudConfig,
  fixtureBody,
  fixtures,
  type FailureMode,
  type Fixture,
} from './fakeOpenStack';
export type { Http, HttpResponse } from '../http/HttpClient';
export { FakeCloudKitty, type FakeHashmapRule } from './fakeCloudKitty';
export { useLoopbackLocalhost } from './loopbackLocalhost';
export { OpenStackLoopback } from './openstackLoopback';
export type { Shape } from './loopbackResources';
export {
  keystonePasswordToken,
  type KeystoneCatalogEntry,
} from './keystoneToken';
