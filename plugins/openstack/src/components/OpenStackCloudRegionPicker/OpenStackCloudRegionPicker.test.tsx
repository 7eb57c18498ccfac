import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  fakeOpenStackApi,
} from '../../__testUtils__/fakeOpenStackApi';
import { renderField } from '../../__testUtils__/FieldHarness';
import { OpenStackCloudRegionPicker } from './OpenStackCloudRegionPicker';
import { validateOpenStackCloudRegion } from './schema';

const clouds = [
  { name: 'lab', regions: ['RegionOne', 'RegionTwo'] },
  { name: 'prod', regions: ['eu-west'], horizonUrl: 'https://horizon.example' },
];

const optionsOf = (select: HTMLElement) =>
  Array.from(select.querySelectorAll('option'))
    .filter(o => !o.disabled)
    .map(o => o.textContent);

describe('OpenStackCloudRegionPicker', () => {
  it('lists the configured clouds, then the regions of the chosen one', async () => {
    const { api } = fakeOpenStackApi({ clouds });
    const onChange = jest.fn();
    await renderField(api, { component: OpenStackCloudRegionPicker, onChange });
    const cloud = await screen.findByLabelText('Cloud');
    await waitFor(() => expect(optionsOf(cloud)).toEqual(['lab', 'prod']));
    expect(screen.getByLabelText('Region')).toBeDisabled();

    await userEvent.selectOptions(cloud, 'lab');
    expect(onChange).toHaveBeenLastCalledWith({ cloud: 'lab', region: '' });
    const region = screen.getByLabelText('Region');
    expect(optionsOf(region)).toEqual(['RegionOne', 'RegionTwo']);

    await userEvent.selectOptions(region, 'RegionTwo');
    expect(onChange).toHaveBeenLastCalledWith({
      cloud: 'lab',
      region: 'RegionTwo',
    });
  });

  it('takes the only region of a cloud, and drops a region the new cloud lacks', async () => {
    const { api } = fakeOpenStackApi({ clouds });
    const onChange = jest.fn();
    await renderField(api, {
      component: OpenStackCloudRegionPicker,
      initial: { cloud: 'lab', region: 'RegionTwo' },
      onChange,
    });
    const cloud = await screen.findByLabelText('Cloud');
    await waitFor(() => expect(cloud).toHaveValue('lab'));
    expect(screen.getByLabelText('Region')).toHaveValue('RegionTwo');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.selectOptions(cloud, 'prod');
    expect(onChange).toHaveBeenLastCalledWith({
      cloud: 'prod',
      region: 'eu-west',
    });
  });

  it('chooses the only cloud and region by itself', async () => {
    const { api } = fakeOpenStackApi({
      clouds: [{ name: 'lab', regions: ['RegionOne'] }],
    });
    const onChange = jest.fn();
    await renderField(api, { component: OpenStackCloudRegionPicker, onChange });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        cloud: 'lab',
        region: 'RegionOne',
      }),
    );
    expect(screen.getByLabelText('Cloud')).toHaveValue('lab');
    expect(screen.getByLabelText('Region')).toHaveValue('RegionOne');
  });

  it('forgets a cloud that is not configured (any more)', async () => {
    const { api } = fakeOpenStackApi({ clouds });
    const onChange = jest.fn();
    await renderField(api, {
      component: OpenStackCloudRegionPicker,
      initial: { cloud: 'gone', region: 'RegionOne' },
      onChange,
    });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
  });

  it('shows progress while loading', async () => {
    const { api } = fakeOpenStackApi({ clouds: 'pending' });
    await renderField(api, { component: OpenStackCloudRegionPicker });
    expect(
      screen.getByRole('progressbar', { name: 'Loading clouds' }),
    ).toBeInTheDocument();
  });

  it('says when no cloud is configured', async () => {
    const { api } = fakeOpenStackApi({ clouds: [] });
    await renderField(api, { component: OpenStackCloudRegionPicker });
    expect(
      await screen.findByText(
        'No OpenStack cloud is configured in this portal.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /under openstack\.clouds in the backend's app-config\.yaml/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Cloud')).toBeDisabled();
  });

  it("shows the backend's error message", async () => {
    const { api } = fakeOpenStackApi({
      clouds: await backendError(403, 'Not allowed to use OpenStack look-ups'),
    });
    await renderField(api, { component: OpenStackCloudRegionPicker });
    expect(
      await screen.findByText(
        'Could not load the OpenStack clouds: Not allowed to use OpenStack look-ups (HTTP 403)',
      ),
    ).toBeInTheDocument();
  });

  it('validates that both cloud and region are chosen', () => {
    const errorsOf = (value: any) => {
      const addError = jest.fn();
      validateOpenStackCloudRegion(value, { addError } as any, {} as any);
      return addError.mock.calls.map(c => c[0]);
    };
    expect(errorsOf({ cloud: 'lab', region: 'RegionOne' })).toEqual([]);
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf({ cloud: 'lab', region: '' })).toEqual([
      'Choose a region of cloud lab',
    ]);
    expect(errorsOf({ cloud: '', region: '' })).toEqual(['Choose a cloud']);
  });
});
