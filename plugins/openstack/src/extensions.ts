import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  KubernetesClusterNamespacePicker,
  KubernetesClusterNamespacePickerFieldSchema,
  OpenStackAvailabilityZonePicker,
  OpenStackCloudRegionPicker,
  OpenStackCloudRegionPickerFieldSchema,
  OpenStackExternalNetworkPicker,
  OpenStackFlavorPicker,
  OpenStackImagePicker,
  OpenStackKeyPairPicker,
  OpenStackLookupPickerFieldSchema,
  OpenStackNetworkPicker,
  OpenStackQuotaPreview,
  OpenStackQuotaPreviewFieldSchema,
  validateKubernetesClusterNamespace,
  validateOpenStackCloudRegion,
  validateOpenStackQuotaPreview,
} from './components';
import { openstackPlugin } from './plugin';
import { entityContentRouteRef } from './routes';

/**
 * Scaffolder field `OpenStackCloudRegionPicker`: value `{ cloud, region }`.
 *
 * @public
 */
export const OpenStackCloudRegionPickerFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackCloudRegionPicker',
    component: OpenStackCloudRegionPicker,
    validation: validateOpenStackCloudRegion,
    schema: OpenStackCloudRegionPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `OpenStackFlavorPicker`: value a flavor name.
 *
 * @public
 */
export const OpenStackFlavorPickerFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackFlavorPicker',
    component: OpenStackFlavorPicker,
    schema: OpenStackLookupPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `OpenStackImagePicker`: value an image name.
 *
 * @public
 */
export const OpenStackImagePickerFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackImagePicker',
    component: OpenStackImagePicker,
    schema: OpenStackLookupPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `OpenStackNetworkPicker`: value a network name.
 *
 * @public
 */
export const OpenStackNetworkPickerFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackNetworkPicker',
    component: OpenStackNetworkPicker,
    schema: OpenStackLookupPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `OpenStackExternalNetworkPicker`: value the name of an
 * external network (floating IP pool).
 *
 * @public
 */
export const OpenStackExternalNetworkPickerFieldExtension =
  openstackPlugin.provide(
    createScaffolderFieldExtension({
      name: 'OpenStackExternalNetworkPicker',
      component: OpenStackExternalNetworkPicker,
      schema: OpenStackLookupPickerFieldSchema.schema,
    }),
  );

/**
 * Scaffolder field `OpenStackAvailabilityZonePicker`: value an availability
 * zone name.
 *
 * @public
 */
export const OpenStackAvailabilityZonePickerFieldExtension =
  openstackPlugin.provide(
    createScaffolderFieldExtension({
      name: 'OpenStackAvailabilityZonePicker',
      component: OpenStackAvailabilityZonePicker,
      schema: OpenStackLookupPickerFieldSchema.schema,
    }),
  );

/**
 * Scaffolder field `OpenStackKeyPairPicker`: value a key pair name.
 *
 * @public
 */
export const OpenStackKeyPairPickerFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackKeyPairPicker',
    component: OpenStackKeyPairPicker,
    schema: OpenStackLookupPickerFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `OpenStackQuotaPreview`: value `{ ok, violations }`; its
 * validation blocks the step while the request exceeds the quota.
 *
 * @public
 */
export const OpenStackQuotaPreviewFieldExtension = openstackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpenStackQuotaPreview',
    component: OpenStackQuotaPreview,
    validation: validateOpenStackQuotaPreview,
    schema: OpenStackQuotaPreviewFieldSchema.schema,
  }),
);

/**
 * Scaffolder field `KubernetesClusterNamespacePicker`: value
 * `{ cluster, namespace }`.
 *
 * @public
 */
export const KubernetesClusterNamespacePickerFieldExtension =
  openstackPlugin.provide(
    createScaffolderFieldExtension({
      name: 'KubernetesClusterNamespacePicker',
      component: KubernetesClusterNamespacePicker,
      validation: validateKubernetesClusterNamespace,
      schema: KubernetesClusterNamespacePickerFieldSchema.schema,
    }),
  );

/**
 * The OpenStack tab of an entity page (legacy frontend system): the resources
 * carrying the entity's tags, the project's quota usage and failed sources.
 * Mount it under `EntityLayout.Route path="/openstack"`, for entities that
 * pass `isOpenStackAvailable`.
 *
 * @public
 */
export const EntityOpenStackContent = openstackPlugin.provide(
  createRoutableExtension({
    name: 'EntityOpenStackContent',
    component: () =>
      import('./components/entity').then(m => m.OpenStackEntityContent),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The OpenStack card of an entity's overview (legacy frontend system): counts
 * per kind, server statuses, compute quota usage, and a link to the tab at
 * `<entity page>/openstack`.
 *
 * @public
 */
export const EntityOpenStackCard = openstackPlugin.provide(
  createComponentExtension({
    name: 'EntityOpenStackCard',
    component: {
      lazy: () =>
        import('./components/entity').then(m => m.OpenStackOverviewCard),
    },
  }),
);
