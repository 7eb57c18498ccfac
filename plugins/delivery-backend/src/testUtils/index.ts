/**
 * Test utilities: a loopback Argo CD API server (applications with their
 * AppProject, sync and health status, as `GET /api/v1/applications/{name}`
 * answers), for tests of delivery tracking.
 *
 * @packageDocumentation
 */

export { FakeArgoCd, type FakeApplicationState } from './fakeArgoCd';
