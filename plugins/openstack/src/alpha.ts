import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import { OpenStackClient } from '@canopy-idp/plugin-openstack-common';
import { openstackApiRef } from './api';
import {
  openstackEntityCard,
  openstackEntityContent,
} from './entityBlueprints';
import { openstackFormFields } from './formFields/blueprints';

// The extensions are reached through the plugin (`getExtension(id)`, or
// `app.extensions` in configuration); only the plugin is exported.
const openstackApi = ApiBlueprint.make({
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
