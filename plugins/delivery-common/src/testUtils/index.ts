/**
 * Test utilities shared by Canopy's packages: the base of its loopback API
 * servers (the GitHub, GitLab, Argo CD and Kubernetes stand-ins that tests of
 * delivery tracking and of the scaffolder actions run against), `until`, the
 * bounded wait for a condition that end-to-end tests use instead of sleeps,
 * and `freePort`.
 *
 * @packageDocumentation
 */

export { LoopbackServer } from './loopbackServer';
export { until, StopWaiting } from './until';
export { freePort } from './freePort';
