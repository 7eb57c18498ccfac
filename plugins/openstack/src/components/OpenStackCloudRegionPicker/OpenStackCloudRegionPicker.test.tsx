import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  type FakeAnswers,
} from '../../__testUtils__/fakeOpenStackApi';
import {
  renderField,
  validationErrors,
} from '../../__testUtils__/FieldHarness';
import { OpenStackCloudRegionPicker } from './OpenStackCloudRegionPicker';
import { validateOpenStackCloudRegion } from './schema';

const clouds = [
  {
    name: 'lab',
    regions: ['RegionOne', 'RegionTwo'],
    projects: [{ name: 'team-a-dev' }, { name: 'team-a-prod' }],
  },
  {
    name: 'prod',
    regions: ['eu-west'],
    projects: [{ name: 'team-a' }],
    horizonUrl: 'https://horizon.example',
  },
];

const optionsOf = (select: HTMLElement) =>
  Array.from(select.querySelectorAll('option'))
    .filter(o => !o.disabled)
    .map(o => o.textContent);

/** The value the picker gives for a choice. */
const location = (cloud: string, region: string, project: string) => ({
  cloud,
  region,
  project,
});

/** Renders the picker over the given clouds (the two above), from `initial`. */
async function renderPicker(
  options: { initial?: unknown; clouds?: FakeAnswers['clouds'] } = {},
) {
  const { onChange } = await renderField(
    { clouds: options.clouds ?? clouds },
    { component: OpenStackCloudRegionPicker, initial: options.initial },
  );
  return onChange;
}

describe('OpenStackCloudRegionPicker', () => {
  it("lists the user's clouds, then the regions and the user's projects of the chosen one", async () => {
    const onChange = await renderPicker();
    const cloud = await screen.findByLabelText('Cloud');
    await waitFor(() => expect(optionsOf(cloud)).toEqual(['lab', 'prod']));
    expect(screen.getByLabelText('Region')).toBeDisabled();
    expect(screen.getByLabelText('Project')).toBeDisabled();

    await userEvent.selectOptions(cloud, 'lab');
    expect(onChange).toHaveBeenLastCalledWith(location('lab', '', ''));
    const region = screen.getByLabelText('Region');
    expect(optionsOf(region)).toEqual(['RegionOne', 'RegionTwo']);
    const project = screen.getByLabelText('Project');
    expect(optionsOf(project)).toEqual(['team-a-dev', 'team-a-prod']);

    await userEvent.selectOptions(region, 'RegionTwo');
    expect(onChange).toHaveBeenLastCalledWith(location('lab', 'RegionTwo', ''));
  });

  it('keeps the chosen project, and the other parts, when one part changes', async () => {
    const onChange = await renderPicker({
      initial: { cloud: 'lab', region: 'RegionOne', project: 'team-a-dev' },
    });
    const project = await screen.findByLabelText('Project');
    await waitFor(() => expect(project).toHaveValue('team-a-dev'));
    await userEvent.selectOptions(project, 'team-a-prod');
    expect(onChange).toHaveBeenLastCalledWith(
      location('lab', 'RegionOne', 'team-a-prod'),
    );
    await userEvent.selectOptions(screen.getByLabelText('Region'), 'RegionTwo');
    expect(onChange).toHaveBeenLastCalledWith(
      location('lab', 'RegionTwo', 'team-a-prod'),
    );
  });

  it('takes the only region of a cloud, and drops a region the new cloud lacks', async () => {
    const onChange = await renderPicker({
      initial: { cloud: 'lab', region: 'RegionTwo', project: 'team-a-dev' },
    });
    const cloud = await screen.findByLabelText('Cloud');
    await waitFor(() => expect(cloud).toHaveValue('lab'));
    expect(screen.getByLabelText('Region')).toHaveValue('RegionTwo');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.selectOptions(cloud, 'prod');
    expect(onChange).toHaveBeenLastCalledWith(
      location('prod', 'eu-west', 'team-a'),
    );
  });

  it('chooses the only cloud, region and project by itself', async () => {
    const onChange = await renderPicker({
      clouds: [
        { name: 'lab', regions: ['RegionOne'], projects: [{ name: 'demo' }] },
      ],
    });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        location('lab', 'RegionOne', 'demo'),
      ),
    );
    expect(screen.getByLabelText('Cloud')).toHaveValue('lab');
    expect(screen.getByLabelText('Region')).toHaveValue('RegionOne');
    expect(screen.getByLabelText('Project')).toHaveValue('demo');
  });

  it('forgets a cloud that is not configured (any more)', async () => {
    const onChange = await renderPicker({
      initial: { cloud: 'gone', region: 'RegionOne' },
    });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(undefined));
  });

  it('shows progress while loading', async () => {
    await renderPicker({ clouds: 'pending' });
    expect(
      screen.getByRole('progressbar', { name: 'Loading clouds' }),
    ).toBeInTheDocument();
  });

  it("says when no cloud has a project of the user's teams, and where projects are mapped", async () => {
    await renderPicker({ clouds: [] });
    expect(
      await screen.findByText(
        'No OpenStack project in this portal is owned by you or your groups.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /under openstack\.clouds\[\]\.projects in the backend's app-config\.yaml/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Cloud')).toBeDisabled();
  });

  it("shows the backend's error message", async () => {
    await renderPicker({
      clouds: await backendError(403, 'Not allowed to use OpenStack look-ups'),
    });
    expect(
      await screen.findByText(
        'Could not load the OpenStack clouds: Not allowed to use OpenStack look-ups (HTTP 403)',
      ),
    ).toBeInTheDocument();
  });

  it('validates that cloud, region and project are chosen', () => {
    const errorsOf = (value: unknown) =>
      validationErrors(validateOpenStackCloudRegion, value);
    expect(
      errorsOf({ cloud: 'lab', region: 'RegionOne', project: 'demo' }),
    ).toEqual([]);
    expect(errorsOf({ cloud: 'lab', region: 'RegionOne' })).toEqual([
      'Choose one of your projects in cloud lab',
    ]);
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf({ cloud: 'lab', region: '' })).toEqual([
      'Choose a region of cloud lab',
    ]);
    expect(errorsOf({ cloud: '', region: '' })).toEqual(['Choose a cloud']);
  });
});
