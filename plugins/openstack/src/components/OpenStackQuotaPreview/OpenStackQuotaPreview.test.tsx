import { act, screen, waitFor } from '@testing-library/react';
import type {
  OpenStackFlavor,
  OpenStackQuotaHeadroom,
} from '@canopy-idp/plugin-openstack-common';
import {
  backendError,
  failedSource,
  type FakeAnswers,
  lookupOf,
} from '../../__testUtils__/fakeOpenStackApi';
import {
  FormStore,
  type HarnessProps,
  renderField,
  validationErrors,
} from '../../__testUtils__/FieldHarness';
import { OpenStackQuotaPreview } from './OpenStackQuotaPreview';
import { validateOpenStackQuotaPreview } from './schema';
import { flavorOf } from '@canopy-idp/plugin-openstack-common/testUtils';

const flavors = lookupOf<OpenStackFlavor>([
  flavorOf('m1.small', 1, 2048, 20, { id: 'f-small' }),
  flavorOf('m1.large', 4, 8192, 80, { id: 'f-large' }),
]);

const quota = (
  remaining: Partial<
    Pick<OpenStackQuotaHeadroom, 'compute' | 'network' | 'volume'>
  > = {},
) => ({
  headroom: {
    region: 'RegionOne',
    compute: { instances: 10, cores: 20, ram: 51200 },
    volume: { volumes: 10, gigabytes: 1000 },
    network: { floatingip: 5 },
    usage: { region: 'RegionOne' },
    ...remaining,
  },
  sources: [],
});

const location = { cloud: 'lab', region: 'RegionOne' };

/** A limit the request exceeds: it asks for `requested`, `remaining` are left. */
const violation = (
  limit: string,
  quotaName: string,
  requested: number,
  remaining: number,
) => ({
  limit,
  quota: quotaName,
  requested,
  remaining,
  exceededBy: requested - remaining,
});

const row = (name: string) => screen.getByRole('row', { name });

/** Each row (limit, requested, remaining, verdict) is shown. */
const expectRows = (...names: string[]) =>
  names.forEach(name => expect(row(name)).toBeInTheDocument());

/** Renders the preview over the flavors above and the given quota answer. */
const renderPreview = (
  headroom: FakeAnswers['headroom'],
  field: Omit<HarnessProps, 'component' | 'onChange'>,
) =>
  renderField(
    { lookups: { flavors }, headroom },
    { component: OpenStackQuotaPreview, ...field },
  );

describe('OpenStackQuotaPreview', () => {
  it('shows requested against remaining for each limit and holds ok when the request fits', async () => {
    const { calls, onChange } = await renderPreview(quota(), {
      form: {
        location,
        flavor: 'm1.small',
        count: 2,
        rootGiB: 20,
        dataGiB: 0,
        publicIp: true,
        sharedGiB: 100,
      },
      uiOptions: {
        volumeFields: ['rootGiB', 'dataGiB'],
        floatingIpField: 'publicIp',
        extraVolumeFields: ['sharedGiB'],
      },
    });
    expect(
      await screen.findByText(
        "The request fits in the project's remaining quota in lab / RegionOne",
      ),
    ).toBeInTheDocument();
    expectRows(
      'Instances 2 10 fits',
      'vCPUs 2 20 fits',
      'RAM 4 GiB 50 GiB fits',
      'Volumes 3 10 fits',
      'Volume storage 140 GiB 1000 GiB fits',
      'Floating IPs 2 5 fits',
    );
    expect(onChange).toHaveBeenLastCalledWith({ ok: true, violations: [] });
    expect(calls.sort()).toEqual([
      'lab/RegionOne/flavors',
      'lab/RegionOne/quota-headroom',
    ]);
  });

  it('flags an exceeded request, naming each limit and by how much', async () => {
    const { onChange } = await renderPreview(
      quota({
        compute: { instances: 1, cores: 2, ram: null },
        network: { floatingip: 0 },
      }),
      {
        form: { location, flavor: 'm1.small', count: 2, fip: true },
        uiOptions: { floatingIpField: 'fip' },
      },
    );
    expect(
      await screen.findByText(
        "This request exceeds the project's quota: compute.instances: asks for 2, 1 left (over by 1); network.floatingip: asks for 2, 0 left (over by 2)",
      ),
    ).toBeInTheDocument();
    expectRows(
      'Instances 2 1 over by 1',
      'vCPUs 2 2 fits',
      'RAM 4 GiB unlimited fits',
      'Volumes 0 10 —',
      'Floating IPs 2 0 over by 2',
    );
    expect(onChange).toHaveBeenLastCalledWith({
      ok: false,
      violations: [
        violation('instances', 'compute.instances', 2, 1),
        violation('floatingIps', 'network.floatingip', 2, 0),
      ],
    });
  });

  it('re-computes when the other fields change, without asking the backend again', async () => {
    const form = new FormStore({ location, flavor: 'm1.small' });
    const { calls, onChange } = await renderPreview(
      quota({ compute: { instances: 5, cores: 8, ram: 65536 } }),
      {
        form,
      },
    );
    // No count field: one server.
    expect(
      await screen.findByRole('row', { name: 'Instances 1 5 fits' }),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({ ok: true, violations: [] });

    act(() => form.update({ flavor: 'm1.large', count: '3' }));
    expect(
      await screen.findByText(
        "This request exceeds the project's quota: compute.cores: asks for 12, 8 left (over by 4)",
      ),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({
      ok: false,
      violations: [violation('cores', 'compute.cores', 12, 8)],
    });

    act(() => form.update({ count: 2 }));
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({ ok: true, violations: [] }),
    );
    expect(calls).toHaveLength(2);
  });

  it('reads the sibling fields named in ui:options', async () => {
    const { calls } = await renderPreview(quota(), {
      form: { where: location, size: 'f-large', replicas: 3 },
      uiOptions: {
        locationField: 'where',
        flavorField: 'size',
        countField: 'replicas',
      },
    });
    expect(
      await screen.findByRole('row', { name: 'vCPUs 12 20 fits' }),
    ).toBeInTheDocument();
    expect(calls).toContain('lab/RegionOne/quota-headroom');
  });

  it('waits for a location, then for the flavor named in ui:options', async () => {
    const form = new FormStore({});
    const { calls, onChange } = await renderPreview(quota(), {
      form,
      uiOptions: { flavorField: 'flavor' },
    });
    expect(
      screen.getByText('Choose a cloud and region first to check the quota'),
    ).toBeInTheDocument();
    expect(calls).toEqual([]);

    act(() => form.update({ location }));
    expect(
      await screen.findByText('Choose a flavor to check the quota'),
    ).toBeInTheDocument();

    act(() => form.update({ flavor: 'm9.huge' }));
    expect(
      await screen.findByText('There is no flavor m9.huge in lab / RegionOne'),
    ).toBeInTheDocument();

    act(() => form.update({ flavor: 'm1.small', count: 'two' }));
    expect(
      await screen.findByText(
        'Enter a whole number of servers to check the quota',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('checks a form without servers: loose volumes only', async () => {
    const form = new FormStore({ location, sizeGiB: 10 });
    const { onChange } = await renderPreview(quota(), {
      form,
      uiOptions: { extraVolumeFields: ['sizeGiB'] },
    });
    expect(
      await screen.findByRole('row', { name: 'Volumes 1 10 fits' }),
    ).toBeInTheDocument();
    expectRows('Instances 0 10 —', 'Volume storage 10 GiB 1000 GiB fits');

    act(() => form.update({ sizeGiB: 2000 }));
    expect(
      await screen.findByText(
        "This request exceeds the project's quota: volume.gigabytes: asks for 2000 GiB, 1000 GiB left (over by 1000 GiB)",
      ),
    ).toBeInTheDocument();
    expect(
      row('Volume storage 2000 GiB 1000 GiB over by 1000 GiB'),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({
      ok: false,
      violations: [violation('gigabytes', 'volume.gigabytes', 2000, 1000)],
    });
  });

  it('leaves the empty object a form starts with alone while it cannot check', async () => {
    const { onChange } = await renderPreview(
      await backendError(503, 'Nova did not answer'),
      {
        form: { location, flavor: 'm1.small' },
        initial: {},
      },
    );
    await screen.findByText(/^Could not check the quota/);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows progress while loading', async () => {
    await renderPreview('pending', {
      form: { location, flavor: 'm1.small' },
    });
    expect(
      screen.getByRole('progressbar', { name: 'Checking the quota' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's error message", async () => {
    await renderPreview(await backendError(503, 'Nova did not answer'), {
      form: { location, flavor: 'm1.small' },
    });
    expect(
      await screen.findByText(
        'Could not check the quota of lab / RegionOne: Nova did not answer (HTTP 503)',
      ),
    ).toBeInTheDocument();
  });

  it('warns about quotas that could not be read', async () => {
    await renderPreview(
      {
        ...quota({ volume: {} }),
        sources: [failedSource('volumev3', 'timeout', 'no answer in 10s')],
      },
      {
        form: { location, flavor: 'm1.small', rootGiB: 10 },
        uiOptions: { volumeFields: ['rootGiB'] },
      },
    );
    expect(
      await screen.findByText(
        'Some quotas could not be read: volumev3: timeout — no answer in 10s',
      ),
    ).toBeInTheDocument();
    expect(row('Volumes 1 not reported fits')).toBeInTheDocument();
  });

  it('validation blocks an exceeded request with the violations, and only that', () => {
    const errorsOf = (value: unknown) =>
      validationErrors(validateOpenStackQuotaPreview, value);
    expect(
      errorsOf({
        ok: false,
        violations: [violation('instances', 'compute.instances', 2, 1)],
      }),
    ).toEqual([
      "This request exceeds the project's quota: compute.instances: asks for 2, 1 left (over by 1)",
    ]);
    expect(errorsOf({ ok: true, violations: [] })).toEqual([]);
    // Not checked (yet): the field's required-ness decides.
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf({})).toEqual([]);
  });
});
