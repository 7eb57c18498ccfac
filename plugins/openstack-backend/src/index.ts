/**
 * Canopy's OpenStack backend plugin.
 *
 * @packageDocumentation
 */

export { openstackPlugin as default } from './plugin';
