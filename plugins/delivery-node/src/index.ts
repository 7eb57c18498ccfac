/**
 * The delivery backend's extension points and the shapes its stage observers
 * share: what a backend module needs to add a stage to the requests Canopy
 * follows.
 *
 * @packageDocumentation
 */

export * from './observer';
export * from './extensions';
