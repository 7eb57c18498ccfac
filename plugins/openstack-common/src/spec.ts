/**
 * The OpenStack backend's contract: its OpenAPI document (generated from
 * plugins/openstack-backend/src/schema/openapi.yaml by `yarn openapi:generate`),
 * which the backend's router is built from. An entry point of its own, so that
 * frontend bundles do not carry the document: the package's main entry takes
 * only the document's enumerations (resource kinds, look-up names, service
 * types).
 *
 * @packageDocumentation
 */

export { spec as openstackApiSpec } from './schema/openapi.generated';
