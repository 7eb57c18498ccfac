import { ComponentType } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OpenStackLookup } from '@canopy-idp/plugin-openstack-common';
import type { OpenStackLookupName } from '@canopy-idp/plugin-openstack-common';
import {
  backendError,
  failedSource,
  type FakeAnswers,
  lookupOf,
} from '../../__testUtils__/fakeOpenStackApi';
import {
  type HarnessProps,
  renderField,
} from '../../__testUtils__/FieldHarness';
import { OpenStackAvailabilityZonePicker } from '../OpenStackAvailabilityZonePicker/OpenStackAvailabilityZonePicker';
import { OpenStackExternalNetworkPicker } from '../OpenStackExternalNetworkPicker/OpenStackExternalNetworkPicker';
import { OpenStackFlavorPicker } from '../OpenStackFlavorPicker/OpenStackFlavorPicker';
import { OpenStackImagePicker } from '../OpenStackImagePicker/OpenStackImagePicker';
import { OpenStackKeyPairPicker } from '../OpenStackKeyPairPicker/OpenStackKeyPairPicker';
import { OpenStackNetworkPicker } from '../OpenStackNetworkPicker/OpenStackNetworkPicker';
import { flavorOf } from '@canopy-idp/plugin-openstack-common/testUtils';

const location = { cloud: 'lab', region: 'RegionOne' };

/** Renders a picker in `location` (unless `props` say else) over the look-ups. */
const renderPicker = (
  component: ComponentType<any>,
  lookups: FakeAnswers['lookups'],
  props: Omit<HarnessProps, 'component' | 'onChange'> = {},
) => renderField({ lookups }, { component, form: { location }, ...props });

const network = (name: string, extra = {}) => ({
  id: `id-${name}`,
  name,
  region: 'RegionOne',
  status: 'ACTIVE',
  external: false,
  shared: false,
  subnetIds: ['s1'],
  tags: [],
  ...extra,
});

type Case = {
  component: ComponentType<any>;
  lookup: OpenStackLookupName;
  label: string;
  noun: string;
  service: 'compute' | 'image' | 'network';
  items: any[];
  /** The option of items[0], as listed. */
  option: string;
};

const cases: Case[] = [
  {
    component: OpenStackFlavorPicker,
    lookup: 'flavors',
    label: 'Flavor',
    noun: 'flavors',
    service: 'compute',
    items: [flavorOf('m1.medium', 2, 4096, 40, { ephemeralGiB: 10 })],
    option: 'm1.medium — 2 vCPUs, 4 GiB RAM, 40 GiB disk, 10 GiB ephemeral',
  },
  {
    component: OpenStackImagePicker,
    lookup: 'images',
    label: 'Image',
    noun: 'images',
    service: 'image',
    items: [
      {
        id: 'i1',
        name: 'ubuntu-24.04',
        status: 'active',
        visibility: 'public',
        minDiskGiB: 10,
        minRamMiB: 512,
      },
    ],
    option: 'ubuntu-24.04 — min disk 10 GiB, min RAM 512 MiB',
  },
  {
    component: OpenStackNetworkPicker,
    lookup: 'networks',
    label: 'Network',
    noun: 'networks',
    service: 'network',
    items: [network('private', { shared: true, subnetIds: ['a', 'b'] })],
    option: 'private — shared, 2 subnets',
  },
  {
    component: OpenStackExternalNetworkPicker,
    lookup: 'external-networks',
    label: 'External network',
    noun: 'external networks',
    service: 'network',
    items: [network('public', { external: true })],
    option: 'public — 1 subnet',
  },
  {
    component: OpenStackAvailabilityZonePicker,
    lookup: 'availability-zones',
    label: 'Availability zone',
    noun: 'availability zones',
    service: 'compute',
    items: [{ name: 'nova', available: true }],
    option: 'nova',
  },
  {
    component: OpenStackKeyPairPicker,
    lookup: 'key-pairs',
    label: "Key pair (of Canopy's OpenStack identity)",
    noun: 'key pairs',
    service: 'compute',
    items: [{ name: 'alice', type: 'ssh', fingerprint: '3f:2a' }],
    option: 'alice — ssh, 3f:2a',
  },
];

describe.each(cases)('$label picker', c => {
  const render = (answer: OpenStackLookup<any> | Error | 'pending') =>
    renderPicker(c.component, { [c.lookup]: answer });

  it('lists what the look-up returns in the chosen location and takes the chosen name', async () => {
    const { calls, onChange } = await render(lookupOf(c.items));
    await userEvent.click(await screen.findByLabelText(c.label));
    await userEvent.click(
      await screen.findByRole('option', { name: c.option }),
    );
    expect(onChange).toHaveBeenLastCalledWith(c.items[0].name);
    expect(calls).toEqual([`lab/RegionOne/${c.lookup}`]);
  });

  it('shows progress while loading', async () => {
    await render('pending');
    expect(
      await screen.findByRole('progressbar', { name: `Loading ${c.noun}` }),
    ).toBeInTheDocument();
  });

  it('says when there is nothing in the location', async () => {
    await render(lookupOf([]));
    expect(
      await screen.findByText(`No ${c.noun} in lab / RegionOne`),
    ).toBeInTheDocument();
  });

  it("shows the backend's error message", async () => {
    await render(await backendError(503, 'Keystone did not answer'));
    expect(
      await screen.findByText(
        `Could not load the ${c.noun} of lab / RegionOne: Keystone did not answer (HTTP 503)`,
      ),
    ).toBeInTheDocument();
  });

  it('warns about a source that did not answer', async () => {
    await render(
      lookupOf([], {
        sources: [failedSource(c.service, 'timeout', 'no answer in 10s')],
      }),
    );
    expect(
      await screen.findByText(
        `Some ${c.noun} could not be read: ${c.service}: timeout — no answer in 10s`,
      ),
    ).toBeInTheDocument();
  });

  it('waits, disabled, for a cloud and region', async () => {
    const { calls } = await renderPicker(
      c.component,
      { [c.lookup]: lookupOf(c.items) },
      { form: { location: { cloud: 'lab', region: '' } } },
    );
    expect(screen.getByLabelText(c.label)).toBeDisabled();
    expect(
      screen.getByText('Choose a cloud and region first'),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});

const flavors = lookupOf([
  flavorOf('m1.small', 1, 2048, 20),
  flavorOf('m1.large', 4, 8192, 80),
]);

describe('look-up pickers', () => {
  it('read the location from the field named by ui:options.locationField, dotted paths included', async () => {
    const { calls } = await renderPicker(
      OpenStackFlavorPicker,
      { flavors },
      {
        form: {
          location: { cloud: 'other', region: 'X' },
          infra: { where: { cloud: 'prod', region: 'RegionTwo' } },
        },
        uiOptions: { locationField: 'infra.where' },
      },
    );
    await screen.findByLabelText('Flavor');
    await waitFor(() => expect(calls).toEqual(['prod/RegionTwo/flavors']));
  });

  it('keep a value the location offers and show it', async () => {
    const { onChange } = await renderPicker(
      OpenStackFlavorPicker,
      { flavors },
      { initial: 'm1.large' },
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Flavor')).toHaveValue(
        'm1.large — 4 vCPUs, 8 GiB RAM, 80 GiB disk',
      ),
    );
    expect(onChange).not.toHaveBeenCalled();
  });

  it('drop a value the location does not offer', async () => {
    const { onChange } = await renderPicker(
      OpenStackFlavorPicker,
      { flavors },
      { initial: 'm2.gone' },
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
  });

  it('keep such a value when the list is truncated, and say so', async () => {
    const { onChange } = await renderPicker(
      OpenStackFlavorPicker,
      { flavors: { ...flavors, truncated: true } },
      { initial: 'm2.beyond-the-cap' },
    );
    expect(
      await screen.findByText('Only the first 2 flavors are listed'),
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  it("key pairs: say they are those of Canopy's OpenStack identity, not the user's", async () => {
    await renderPicker(OpenStackKeyPairPicker, {
      'key-pairs': lookupOf([{ name: 'alice' }]),
    });
    expect(
      await screen.findByText(
        /^These are the key pairs of the OpenStack identity Canopy uses for this project, not your own/,
      ),
    ).toBeVisible();
  });

  it('choose the only option of a required field', async () => {
    const { onChange } = await renderPicker(
      OpenStackKeyPairPicker,
      { 'key-pairs': lookupOf([{ name: 'alice' }]) },
      { required: true },
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('alice'));
    expect(screen.getByLabelText(/Key pair/)).toHaveValue('alice');
  });

  const image = (name: string, status: string) => ({
    id: name,
    name,
    status,
    visibility: 'public',
    minDiskGiB: 0,
    minRamMiB: 0,
  });

  it.each([
    {
      what: 'unavailable zones',
      component: OpenStackAvailabilityZonePicker,
      lookups: {
        'availability-zones': lookupOf([
          { name: 'nova', available: true },
          { name: 'broken', available: false },
        ]),
      },
      label: 'Availability zone',
      usable: 'nova',
      unusable: 'broken — unavailable',
    },
    {
      what: 'inactive images',
      component: OpenStackImagePicker,
      lookups: {
        images: lookupOf([
          image('debian-12', 'active'),
          image('fedora-41', 'queued'),
        ]),
      },
      label: 'Image',
      usable: 'debian-12',
      unusable: 'fedora-41 — queued',
    },
  ])(
    'list $what without letting them be chosen',
    async ({ component, lookups, label, usable, unusable }) => {
      await renderPicker(component, lookups);
      await userEvent.click(await screen.findByLabelText(label));
      expect(
        await screen.findByRole('option', { name: unusable }),
      ).toHaveAttribute('aria-disabled', 'true');
      expect(screen.getByRole('option', { name: usable })).toHaveAttribute(
        'aria-disabled',
        'false',
      );
    },
  );

  it('use the title of the schema as label', async () => {
    await renderPicker(
      OpenStackFlavorPicker,
      { flavors },
      {
        schema: { title: 'Server size', description: 'How big each server is' },
      },
    );
    expect(await screen.findByLabelText('Server size')).toBeInTheDocument();
    expect(screen.getByText('How big each server is')).toBeInTheDocument();
  });
});
