/**
 * Test utilities: a fake of the OpenStack APIs at the HTTP layer, answering
 * with what Canopy's OpenStack test bed answered (recorded in `fixtures/`).
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
