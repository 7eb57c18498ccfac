/**
 * Test utilities for Canopy's frontend plugins: the errors their fake APIs
 * throw, their scaffolder form fields as the scaffolder loads them, and
 * their extensions of the legacy frontend system as an app mounts them.
 *
 * @packageDocumentation
 */

export { backendError } from './backendError';
export { loadFormField } from './loadFormField';
export { loadLegacyFormFields } from './loadLegacyFormFields';
export { renderInLegacyApp } from './renderInLegacyApp';
