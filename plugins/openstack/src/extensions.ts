import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import {
  createScaffolderFieldExtension,
  type CustomFieldExtensionSchema,
  type FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { fieldDefinitions as d } from './formFields/definitions';
import { openstackPlugin } from './plugin';
import { entityContentRouteRef } from './routes';

/**
 * The legacy field extension of a field definition: the same definition, with
 * its JSON schema as the legacy system takes it.
 */
function legacyField<TReturnValue, TUiOptions extends Record<string, any>>(
  definition: Omit<
    FieldExtensionOptions<TReturnValue, TUiOptions>,
    'schema'
  > & {
    schema: { schema: CustomFieldExtensionSchema };
  },
) {
  return openstackPlugin.provide(
    createScaffolderFieldExtension({
      ...definition,
      schema: definition.schema.schema,
    }),
  );
}

/**
 * Scaffolder field `OpenStackCloudRegionPicker`: value `{ cloud, region }`.
 *
 * @public
 */
export const OpenStackCloudRegionPickerFieldExtension = legacyField(
  d.cloudRegionPicker,
);

/**
 * Scaffolder field `OpenStackFlavorPicker`: value a flavor name.
 *
 * @public
 */
export const OpenStackFlavorPickerFieldExtension = legacyField(d.flavorPicker);

/**
 * Scaffolder field `OpenStackImagePicker`: value an image name.
 *
 * @public
 */
export const OpenStackImagePickerFieldExtension = legacyField(d.imagePicker);

/**
 * Scaffolder field `OpenStackNetworkPicker`: value a network name.
 *
 * @public
 */
export const OpenStackNetworkPickerFieldExtension = legacyField(
  d.networkPicker,
);

/**
 * Scaffolder field `OpenStackExternalNetworkPicker`: value the name of an
 * external network (floating IP pool).
 *
 * @public
 */
export const OpenStackExternalNetworkPickerFieldExtension = legacyField(
  d.externalNetworkPicker,
);

/**
 * Scaffolder field `OpenStackAvailabilityZonePicker`: value an availability
 * zone name.
 *
 * @public
 */
export const OpenStackAvailabilityZonePickerFieldExtension = legacyField(
  d.availabilityZonePicker,
);

/**
 * Scaffolder field `OpenStackKeyPairPicker`: value a key pair name.
 *
 * @public
 */
export const OpenStackKeyPairPickerFieldExtension = legacyField(
  d.keyPairPicker,
);

/**
 * Scaffolder field `OpenStackQuotaPreview`: value `{ ok, violations }`; its
 * validation blocks the step while the request exceeds the quota.
 *
 * @public
 */
export const OpenStackQuotaPreviewFieldExtension = legacyField(d.quotaPreview);

/**
 * Scaffolder field `OpenStackCostPreview`: its value holds the estimate's
 * currency, hourly and monthly totals and the budget verdict; its validation
 * blocks the step while the request is over the project's monthly budget
 * without an override.
 *
 * @public
 */
export const OpenStackCostPreviewFieldExtension = legacyField(d.costPreview);

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
