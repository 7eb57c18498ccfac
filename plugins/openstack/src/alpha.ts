import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { openstackApiRef, OpenStackClient } from './api';
import {
  openstackEntityCard,
  openstackEntityContent,
} from './entityBlueprints';
import { openstackFormFields } from './formFields/blueprints';

export * from './formFields/blueprints';
export * from './entityBlueprints';

/** @alpha */
export const openstackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: openstackApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: deps => new OpenStackClient(deps),
    }),
});

/**
 * Canopy's OpenStack plugin for apps on the new frontend system: the
 * `openstackApiRef` client, the scaffolder form fields (attached to the
 * scaffolder plugin's `api:scaffolder/form-fields`), and the OpenStack tab
 * and overview card of catalog entities annotated with
 * `openstack.canopy-idp.io/cloud`.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'openstack',
  extensions: [
    openstackApi,
    ...openstackFormFields,
    openstackEntityContent,
    openstackEntityCard,
  ],
});
