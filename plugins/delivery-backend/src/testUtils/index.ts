/**
 * Test utilities: loopback Argo CD and Kubernetes API servers (applications
 * with their AppProject, sync and health status, as
 * `GET /api/v1/applications/{name}` answers; CRDs and custom objects such as
 * KRO instances, as the Kubernetes API answers), for tests of delivery
 * tracking.
 *
 * @packageDocumentation
 */

export { FakeArgoCd, type FakeApplicationState } from './fakeArgoCd';
export { FakeKubernetesApi } from './fakeKubernetesApi';
export { kroStatus } from './kroStatus';
