/**
 * Test utilities: a fake of the OpenStack APIs at the HTTP layer, answering
 * with what Canopy's OpenStack test bed answered (recorded in `fixtures/`),
 * and `useLoopbackLocalhost` for routers served through `wrapServer`.
 *
 * @packageDocumentation
 */

export {
  FakeOpenStack,
  fixtureBody,
  fixtures,
  type FailureMode,
  type Fixture,
} from './fakeOpenStack';
export type { Http, HttpResponse } from '../http/HttpClient';
export { useLoopbackLocalhost } from './loopbackLocalhost';
