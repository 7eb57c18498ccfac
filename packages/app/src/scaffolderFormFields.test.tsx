import { useEffect } from 'react';
import { waitFor } from '@testing-library/react';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { formFieldsApiRef } from '@backstage/plugin-scaffolder-react/alpha';
import { appFeatures } from './App';

const OPENSTACK_FIELDS: Array<[extensionId: string, fieldName: string]> = [
  [
    'scaffolder-form-field:openstack/cloud-region-picker',
    'OpenStackCloudRegionPicker',
  ],
  ['scaffolder-form-field:openstack/flavor-picker', 'OpenStackFlavorPicker'],
  ['scaffolder-form-field:openstack/image-picker', 'OpenStackImagePicker'],
  ['scaffolder-form-field:openstack/network-picker', 'OpenStackNetworkPicker'],
  [
    'scaffolder-form-field:openstack/external-network-picker',
    'OpenStackExternalNetworkPicker',
  ],
  [
    'scaffolder-form-field:openstack/availability-zone-picker',
    'OpenStackAvailabilityZonePicker',
  ],
  ['scaffolder-form-field:openstack/key-pair-picker', 'OpenStackKeyPairPicker'],
  ['scaffolder-form-field:openstack/quota-preview', 'OpenStackQuotaPreview'],
  [
    'scaffolder-form-field:scaffolder/kubernetes-cluster-namespace-picker',
    'KubernetesClusterNamespacePicker',
  ],
];

describe("the app's scaffolder", () => {
  it("gets the OpenStack form fields from the openstack plugin and the cluster picker from Canopy's scaffolder module", async () => {
    const seen: { attached?: string[]; names?: string[] } = {};
    const Probe = () => {
      const { tree } = useApi(coreApis.appTree).getTree();
      const formFieldsApi = useApi(formFieldsApiRef);
      seen.attached = tree.nodes
        .get('api:scaffolder/form-fields')
        ?.edges.attachments.get('formFields')
        ?.map(node => node.spec.id);
      useEffect(() => {
        formFieldsApi.loadFormFields().then(fields => {
          // The loaded fields carry their ui:field name.
          seen.names = fields.map(f => (f as unknown as { name: string }).name);
        });
      }, [formFieldsApi]);
      return null;
    };

    await renderInTestApp(<Probe />, { features: appFeatures });

    await waitFor(() => expect(seen.names).toBeDefined());
    expect(seen.attached).toEqual(
      expect.arrayContaining(OPENSTACK_FIELDS.map(([id]) => id)),
    );
    // Next to the scaffolder's own fields.
    expect(seen.names).toEqual(
      expect.arrayContaining([
        'EntityPicker',
        ...OPENSTACK_FIELDS.map(([, name]) => name),
      ]),
    );
  }, 180_000);
});
