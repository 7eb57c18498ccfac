import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { openstackApiRef, OpenStackClient } from './api';
import { openstackFormFields } from './formFields/blueprints';

export * from './formFields/blueprints';

/** @alpha */
export const openstackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: openstackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new OpenStackClient(deps),
    }),
});

/**
 * Canopy's OpenStack plugin for apps on the new frontend system: the
 * `openstackApiRef` client and the scaffolder form fields (attached to the
 * scaffolder plugin's `api:scaffolder/form-fields`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'openstack',
  extensions: [openstackApi, ...openstackFormFields],
});
