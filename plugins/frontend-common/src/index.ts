/**
 * What Canopy's frontend plugins share: how a failed call to a Canopy
 * backend reads.
 *
 * @packageDocumentation
 */

export { errorMessage } from './errorMessage';
