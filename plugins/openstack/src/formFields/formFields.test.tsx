import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { OpenStackFlavor } from '@canopy-idp/plugin-openstack-common';
import { openstackApiRef } from '../api';
import {
  OpenStackAvailabilityZonePickerFieldExtension,
  OpenStackCloudRegionPickerFieldExtension,
  OpenStackExternalNetworkPickerFieldExtension,
  OpenStackFlavorPickerFieldExtension,
  OpenStackImagePickerFieldExtension,
  OpenStackKeyPairPickerFieldExtension,
  OpenStackNetworkPickerFieldExtension,
  OpenStackQuotaPreviewFieldExtension,
  OpenStackCostPreviewFieldExtension,
} from '../extensions';
import { fakeOpenStackApi, lookupOf } from '../__testUtils__/fakeOpenStackApi';
import { openstackFormFields } from './blueprints';
import { flavorOf } from '@canopy-idp/plugin-openstack-common/testUtils';
import {
  loadFormField,
  loadLegacyFormFields,
} from '@canopy-idp/frontend-common/testUtils';

const FIELD_NAMES = [
  'OpenStackCloudRegionPicker',
  'OpenStackFlavorPicker',
  'OpenStackImagePicker',
  'OpenStackNetworkPicker',
  'OpenStackExternalNetworkPicker',
  'OpenStackAvailabilityZonePicker',
  'OpenStackKeyPairPicker',
  'OpenStackQuotaPreview',
  'OpenStackCostPreview',
];

/** The fields of the new frontend system, as the scaffolder loads them. */
const loadFormFields = () =>
  Promise.all(
    openstackFormFields.map(extension =>
      loadFormField(extension as ExtensionDefinition<any>),
    ),
  );

describe('form field registration', () => {
  it('gives the new frontend system every field under its fixed name', async () => {
    const fields = await loadFormFields();
    expect(fields.map(f => f.name)).toEqual(FIELD_NAMES);
    expect(fields.filter(f => f.validation).map(f => f.name)).toEqual([
      'OpenStackCloudRegionPicker',
      'OpenStackQuotaPreview',
      'OpenStackCostPreview',
    ]);
    for (const field of fields) {
      expect(field.schema).toBeDefined();
    }
  });

  it('gives legacy apps the same fields through <ScaffolderFieldExtensions>', async () => {
    const fields = await loadLegacyFormFields(
      <>
        <OpenStackCloudRegionPickerFieldExtension />
        <OpenStackFlavorPickerFieldExtension />
        <OpenStackImagePickerFieldExtension />
        <OpenStackNetworkPickerFieldExtension />
        <OpenStackExternalNetworkPickerFieldExtension />
        <OpenStackAvailabilityZonePickerFieldExtension />
        <OpenStackKeyPairPickerFieldExtension />
        <OpenStackQuotaPreviewFieldExtension />
        <OpenStackCostPreviewFieldExtension />
      </>,
    );
    expect(fields.map(f => f.name)).toEqual(FIELD_NAMES);
    expect(fields.filter(f => f.validation).map(f => f.name)).toEqual([
      'OpenStackCloudRegionPicker',
      'OpenStackQuotaPreview',
      'OpenStackCostPreview',
    ]);
  });
});

describe('in the scaffolder form', () => {
  beforeEach(() => {
    // The stepper scrolls to the top of each step; jsdom cannot.
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const flavors = lookupOf<OpenStackFlavor>([
    flavorOf('m1.small', 1, 2048, 20),
  ]);

  // Shaped like templates/openstack-virtual-machines: the location on the
  // first step (an object with properties), the rest on the second.
  const manifest = {
    title: 'Servers',
    steps: [
      {
        title: 'Where',
        schema: {
          type: 'object',
          required: ['location'],
          properties: {
            location: {
              title: 'Cloud, region and project',
              type: 'object',
              'ui:field': 'OpenStackCloudRegionPicker',
              required: ['cloud', 'region', 'project'],
              properties: {
                cloud: { type: 'string' },
                region: { type: 'string' },
                project: { type: 'string' },
              },
            },
          },
        },
      },
      {
        title: 'Size',
        schema: {
          type: 'object',
          required: ['count', 'flavor'],
          properties: {
            count: { title: 'Servers', type: 'integer', default: 2 },
            flavor: {
              title: 'Flavor',
              type: 'string',
              'ui:field': 'OpenStackFlavorPicker',
            },
            bootVolumeGiB: { type: 'integer', default: 0 },
            quota: {
              title: 'Quota',
              type: 'object',
              'ui:field': 'OpenStackQuotaPreview',
              'ui:options': {
                flavorField: 'flavor',
                countField: 'count',
                volumeFields: ['bootVolumeGiB'],
              },
            },
          },
        },
      },
    ],
  };

  async function renderStepper(instancesLeft: number) {
    const { api } = fakeOpenStackApi({
      clouds: [
        { name: 'lab', regions: ['RegionOne'], projects: [{ name: 'demo' }] },
      ],
      lookups: { flavors },
      headroom: {
        headroom: {
          region: 'RegionOne',
          compute: { instances: instancesLeft, cores: 100, ram: null },
          network: {},
          volume: {},
          usage: { region: 'RegionOne' },
        },
        sources: [],
      },
    });
    const onCreate = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[openstackApiRef, api]]}>
        <Stepper
          manifest={manifest}
          extensions={await loadFormFields()}
          onCreate={onCreate}
        />
      </TestApiProvider>,
    );
    // The only cloud and region are chosen by themselves ...
    await waitFor(() =>
      expect(screen.getByLabelText(/^Region/)).toHaveValue('RegionOne'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    // ... and so is the only flavor on the next step.
    await waitFor(() =>
      expect(screen.getByLabelText(/^Flavor/)).toHaveValue(
        'm1.small — 1 vCPU, 2 GiB RAM, 20 GiB disk',
      ),
    );
    return onCreate;
  }

  it('cannot go on to the review while the request exceeds the quota', async () => {
    await renderStepper(1);
    const message =
      "This request exceeds the project's quota: compute.instances: asks for 2, 1 left (over by 1)";
    expect(await screen.findByText(message)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    // The step's validation adds the message to the field's errors.
    await waitFor(() =>
      expect(screen.getAllByText(message).length).toBeGreaterThan(1),
    );
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  }, 180_000);

  it('goes on to the review when the request fits, and creates with the values', async () => {
    const onCreate = await renderStepper(5);
    expect(
      await screen.findByText(
        "The request fits in the project's remaining quota in lab / RegionOne / demo",
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith(
      expect.objectContaining({
        location: { cloud: 'lab', region: 'RegionOne', project: 'demo' },
        flavor: 'm1.small',
        count: 2,
        quota: { ok: true, violations: [] },
      }),
    );
  }, 180_000);
});
