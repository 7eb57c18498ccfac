import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_ARGUMENTS } from './providerArguments';

/**
 * Arguments the provider documents and accepts that the shared argument list
 * (taken from the provider's docs) leaves out. Each one is named here so the
 * gap stays visible; remove an entry when the list gains it.
 *  - openstack_networking_router_interface_v2.subnet_id: "(Optional) ID of the
 *    subnet this router interface connects to" in the provider's
 *    router_interface_v2 documentation; without it no subnet joins a router.
 */
const KNOWN_GAPS: Record<string, string[]> = {
  openstack_networking_router_interface_v2: ['subnet_id'],
};

describe("Canopy's list of provider arguments", () => {
  const shared = JSON.parse(
    readFileSync(
      path.resolve(
        __dirname,
        '../../../../../../shared/schemas/terraform/openstack-provider-arguments.json',
      ),
      'utf8',
    ),
  ).resources as Record<
    string,
    {
      arguments: Record<string, string>;
      blocks: Record<string, Record<string, string>>;
    }
  >;

  it.each(Object.entries(PROVIDER_ARGUMENTS))(
    '%s is accepted by the provider',
    (type, own) => {
      expect(shared[type]).toBeDefined();
      const accepted = Object.keys(shared[type].arguments);
      const missing = own.arguments.filter(
        a => !accepted.includes(a) && !(KNOWN_GAPS[type] ?? []).includes(a),
      );
      expect(missing).toEqual([]);
      for (const [blockName, args] of Object.entries(own.blocks ?? {})) {
        expect(shared[type].blocks[blockName]).toBeDefined();
        expect(
          args.filter(a => !(a in shared[type].blocks[blockName])),
        ).toEqual([]);
      }
    },
  );

  it('names only real gaps', () => {
    for (const [type, args] of Object.entries(KNOWN_GAPS)) {
      for (const a of args)
        expect(Object.keys(shared[type].arguments)).not.toContain(a);
    }
  });
});
