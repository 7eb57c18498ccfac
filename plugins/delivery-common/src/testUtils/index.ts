/**
 * Test utilities: the base of Canopy's loopback API servers (the GitHub,
 * GitLab, Argo CD and Kubernetes stand-ins that tests of delivery tracking
 * and of the scaffolder actions run against).
 *
 * @packageDocumentation
 */

export { LoopbackServer } from './loopbackServer';
