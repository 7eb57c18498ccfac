/**
 * Canopy's OpenStack frontend plugin.
 *
 * @packageDocumentation
 */

export { openstackPlugin } from './plugin';
export * from './api';
