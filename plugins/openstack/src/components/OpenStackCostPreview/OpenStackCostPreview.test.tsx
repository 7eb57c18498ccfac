import { act, screen, waitFor } from '@testing-library/react';
import type {
  OpenStackCostEstimate,
  OpenStackCostRequest,
} from '@canopy-idp/plugin-openstack-common';
import { backendError } from '../../__testUtils__/fakeOpenStackApi';
import {
  FormStore,
  type HarnessProps,
  renderField,
  validationErrors,
} from '../../__testUtils__/FieldHarness';
import { OpenStackCostPreview } from './OpenStackCostPreview';
import { validateOpenStackCostPreview } from './schema';

const location = { cloud: 'lab', region: 'RegionOne', project: 'demo' };
const HOURLY: Record<string, number> = { 'm1.small': 0.032, 'm1.large': 0.128 };

/**
 * The backend's answer: servers at their flavor's hourly price, volumes at
 * 0.1 a GiB-month; a budget of 100 with 40 in use.
 */
function estimate(request: OpenStackCostRequest): OpenStackCostEstimate {
  const items: OpenStackCostEstimate['items'] = [];
  for (const s of request.servers ?? []) {
    const hour = HOURLY[s.flavor];
    items.push({
      kind: 'server',
      label: `server ${s.flavor}`,
      quantity: s.count,
      unit: 'server-hour',
      unitPrice: hour,
      hourly: s.count * hour,
      monthly: Math.round(s.count * hour * 730 * 1e6) / 1e6,
    });
    const gib = (s.volumes ?? []).reduce((n, v) => n + v.sizeGiB, 0) * s.count;
    if (gib) {
      items.push({
        kind: 'volume',
        label: 'volume (default)',
        quantity: gib,
        unit: 'GiB-month',
        unitPrice: 0.1,
        hourly: (gib * 0.1) / 730,
        monthly: gib * 0.1,
      });
    }
  }
  const monthly = items.reduce((n, i) => n + i.monthly, 0);
  const afterRequest = 40 + monthly;
  return {
    currency: 'EUR',
    hourly: monthly / 730,
    monthly,
    items,
    unpriced: [],
    source: {
      kind: 'priceList',
      detail: "the price list of cloud 'lab' (openstack.clouds[].pricing)",
      at: '2026-12-07T12:00:00.000Z',
    },
    budget: {
      monthly: 100,
      runRate: 40,
      afterRequest,
      exceededBy: Math.max(0, afterRequest - 100),
      overridden: afterRequest > 100 && Boolean(request.overrideReason),
    },
  };
}

const renderPreview = (
  field: Omit<HarnessProps, 'component' | 'onChange'>,
  cost: (r: OpenStackCostRequest) => OpenStackCostEstimate | Error = estimate,
) => renderField({ cost }, { component: OpenStackCostPreview, ...field });

const total = () => screen.getByLabelText('Estimated cost').textContent;

describe('OpenStackCostPreview', () => {
  it('prices the request per item and in total, and updates as the flavor and count change', async () => {
    const form = new FormStore({
      location,
      flavor: 'm1.small',
      count: 2,
      rootGiB: 20,
    });
    const { calls, onChange } = await renderPreview({
      form,
      uiOptions: { flavorField: 'flavor', volumeFields: ['rootGiB'] },
    });
    // 2 × 0.032 × 730 = 46.72; 40 GiB × 0.1 = 4.
    await waitFor(() =>
      expect(total()).toBe('50.72 EUR a month (0.0695 EUR an hour)'),
    );
    expect(
      screen.getByRole('row', {
        name: 'server m1.small 2 0.0640 EUR 46.72 EUR',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', {
        name: 'volume (default) 40 GiB 0.0055 EUR 4.00 EUR',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Within the monthly budget of project demo: 90.72 EUR of 100.00 EUR after this request',
      ),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({
      currency: 'EUR',
      hourly: 50.72 / 730,
      monthly: 50.72,
    });
    expect(calls).toEqual([
      'lab/RegionOne/cost-estimate in demo {"servers":[{"flavor":"m1.small","count":2,"volumes":[{"sizeGiB":20}],"floatingIp":false}],"volumes":[],"floatingIps":0,"loadBalancers":0}',
    ]);

    act(() => form.update({ flavor: 'm1.large', count: 1 }));
    // 0.128 × 730 = 93.44; 20 GiB × 0.1 = 2.
    await waitFor(() =>
      expect(total()).toBe('95.44 EUR a month (0.1307 EUR an hour)'),
    );
    act(() => form.update({ count: 3 }));
    await waitFor(() =>
      expect(total()).toBe('286.32 EUR a month (0.3922 EUR an hour)'),
    );
    expect(calls).toHaveLength(3);
  });

  it('blocks the step over the monthly budget, naming it and by how much, unless an override reason is given', async () => {
    const form = new FormStore({ location, flavor: 'm1.large', count: 1 });
    const { onChange } = await renderPreview({
      form,
      uiOptions: { budgetOverrideReasonField: 'reason' },
    });
    const message =
      'project demo has a monthly budget of 100.00 EUR: its resources cost 40.00 EUR a month now, this request adds 93.44 EUR, 133.44 EUR in all (over by 33.44 EUR)';
    expect(
      await screen.findByText(
        `This request exceeds the monthly budget: ${message}`,
      ),
    ).toBeInTheDocument();
    const value = onChange.mock.lastCall![0];
    expect(value).toMatchObject({ overBudget: message, overridden: false });
    expect(validationErrors(validateOpenStackCostPreview, value)).toEqual([
      `This request exceeds the monthly budget: ${message}`,
    ]);

    act(() => form.update({ reason: 'load test for the launch' }));
    expect(
      await screen.findByText(
        `Over the monthly budget, with an override reason that goes into the pull request: ${message}`,
      ),
    ).toBeInTheDocument();
    const overridden = onChange.mock.lastCall![0];
    expect(overridden).toMatchObject({ overridden: true });
    expect(validationErrors(validateOpenStackCostPreview, overridden)).toEqual(
      [],
    );
  });

  it('says what is missing, and shows the error of a request it could not price', async () => {
    const form = new FormStore({});
    const refused = await backendError(403, 'not an owner of project demo');
    await renderPreview(
      { form, uiOptions: { flavorField: 'flavor' } },
      () => refused,
    );
    expect(
      screen.getByText('Choose a cloud and region first to see the cost'),
    ).toBeInTheDocument();
    act(() => form.update({ location }));
    expect(
      await screen.findByText('Choose a flavor to see the cost'),
    ).toBeInTheDocument();
    act(() => form.update({ flavor: 'm1.small' }));
    expect(
      await screen.findByText(
        'Could not price the request in lab / RegionOne / demo: not an owner of project demo (HTTP 403)',
      ),
    ).toBeInTheDocument();
  });

  it('says when the cloud has no pricing', async () => {
    await renderPreview(
      { form: { location, flavor: 'm1.small' } },
      request => ({
        ...estimate(request),
        currency: '',
        items: [],
        budget: undefined,
        source: {
          kind: 'none',
          detail: "cloud 'lab' has no pricing",
          at: '2026-12-07T12:00:00.000Z',
        },
      }),
    );
    expect(
      await screen.findByText("Not priced: cloud 'lab' has no pricing"),
    ).toBeInTheDocument();
  });

  it('warns when CloudKitty did not answer and the price list priced instead', async () => {
    const warning =
      "CloudKitty of cloud 'lab' in RegionOne did not answer (timeout): priced from the price list instead, which may differ from what CloudKitty bills";
    await renderPreview({ form: { location, flavor: 'm1.small' } }, request => {
      const answer = estimate(request);
      return { ...answer, source: { ...answer.source, warning } };
    });
    expect(await screen.findByText(warning)).toBeInTheDocument();
    expect(total()).toMatch(/ EUR a month/);
  });
});
