import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lookupOf } from '../../__testUtils__/fakeOpenStackApi';
import { renderField } from '../../__testUtils__/FieldHarness';
import { describeFlavor, OpenStackFlavorPicker } from './OpenStackFlavorPicker';
import { flavorOf } from '@canopy-idp/plugin-openstack-common/testUtils';

describe('OpenStackFlavorPicker', () => {
  it('describes a flavor by vCPUs, RAM and disk', () => {
    expect(describeFlavor(flavorOf('m1.small', 1, 2048, 20))).toBe(
      '1 vCPU, 2 GiB RAM, 20 GiB disk',
    );
    expect(describeFlavor(flavorOf('m1.tiny', 1, 512, 1))).toBe(
      '1 vCPU, 512 MiB RAM, 1 GiB disk',
    );
    expect(
      describeFlavor(flavorOf('odd', 3, 1536, 0, { ephemeralGiB: 5 })),
    ).toBe('3 vCPUs, 1.5 GiB RAM, 0 GiB disk, 5 GiB ephemeral');
  });

  it('offers every flavor of the chosen cloud and region by name and size', async () => {
    const { calls, onChange } = await renderField(
      {
        lookups: {
          flavors: lookupOf([
            flavorOf('m1.small', 1, 2048, 20),
            flavorOf('m1.large', 4, 8192, 80),
          ]),
        },
      },
      {
        component: OpenStackFlavorPicker,
        form: { location: { cloud: 'lab', region: 'RegionOne' } },
      },
    );
    await userEvent.click(await screen.findByLabelText('Flavor'));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual([
      'm1.small — 1 vCPU, 2 GiB RAM, 20 GiB disk',
      'm1.large — 4 vCPUs, 8 GiB RAM, 80 GiB disk',
    ]);
    await userEvent.click(screen.getByRole('option', { name: /^m1\.large/ }));
    expect(onChange).toHaveBeenLastCalledWith('m1.large');
    expect(screen.getByLabelText('Flavor')).toHaveValue(
      'm1.large — 4 vCPUs, 8 GiB RAM, 80 GiB disk',
    );
    expect(calls).toEqual(['lab/RegionOne/flavors']);
  });
});
