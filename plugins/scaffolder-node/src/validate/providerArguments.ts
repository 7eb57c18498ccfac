import { readFileSync } from 'node:fs';
import { bundledSchemaPath } from './schemaSet';

/** One resource type of terraform-provider-openstack: its arguments and nested blocks. */
export interface ProviderResource {
  arguments: Record<string, 'required' | 'optional'>;
  blocks: Record<string, Record<string, 'required' | 'optional'>>;
}

/** The provider's argument list as shipped in `schemas/terraform` (see its README). */
export interface ProviderArguments {
  provider: string;
  provider_commit: string;
  resources: Record<string, ProviderResource>;
}

let loaded: ProviderArguments | undefined;

/**
 * terraform-provider-openstack's resource types and arguments, from the
 * package's bundled `schemas/terraform/openstack-provider-arguments.json`.
 * Read once per process.
 */
export function providerArguments(): ProviderArguments {
  if (!loaded) {
    loaded = JSON.parse(
      readFileSync(
        bundledSchemaPath('terraform', 'openstack-provider-arguments.json'),
        'utf8',
      ),
    ) as ProviderArguments;
  }
  return loaded;
}

/** Terraform meta-arguments, valid on every resource. */
export const META_ARGUMENTS = [
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
];
