import {
  attr,
  block,
  HclBlock,
  HclBodyItem,
  HclExpr,
  HclValue,
  ref,
  renderHcl,
} from '../hcl';

export { counted, COUNT_PLUS_ONE, splat, TYPES } from '../hcl';
import { TYPES } from '../hcl';

/** Turns a DNS-1123 name into a Terraform identifier. */
export function identifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `r_${id}`;
}

/** One input that becomes a Terraform resource address. */
export interface AddressClaim {
  /** The resource address, `type.name`. */
  address: string;
  /** Where in the input it comes from, e.g. `['volumes', 1, 'name']`. */
  path: Array<string | number>;
  /** The input as the author wrote it, e.g. `volume 'r-1a'`. */
  what: string;
}

/** Where an input's rules report a problem (zod's refinement context). */
interface IssueSink {
  addIssue(issue: {
    code: 'custom';
    path: Array<string | number>;
    message: string;
  }): void;
}

/**
 * Reports each input whose resource address another input already took (two
 * addresses alike make `terraform plan` fail), naming both inputs.
 */
export function checkUniqueAddresses(ctx: IssueSink, claims: AddressClaim[]) {
  const taken = new Map<string, AddressClaim>();
  for (const claim of claims) {
    const first = taken.get(claim.address);
    if (first) {
      ctx.addIssue({
        code: 'custom',
        path: claim.path,
        message: `${claim.what} would get the Terraform address ${
          claim.address
        }, which ${first.what}${
          first.path.length ? ` (${first.path.join('.')})` : ''
        } already has: rename one of them`,
      });
    } else {
      taken.set(claim.address, claim);
    }
  }
}

/**
 * Reports each item of the input list `key` whose name an earlier item has
 * (`what` names an item, e.g. `volume`). Returns whether the names are unique.
 */
export function checkUniqueNames(
  ctx: IssueSink,
  key: string,
  items: Array<{ name: string }>,
  what: string,
): boolean {
  const names = new Set<string>();
  items.forEach((item, i) => {
    if (names.has(item.name))
      ctx.addIssue({
        code: 'custom',
        path: [key, i, 'name'],
        message: `${what} '${item.name}' is defined twice`,
      });
    names.add(item.name);
  });
  return names.size === items.length;
}

/**
 * One Terraform resource a rendering action wrote, as its output lists it.
 *
 * @public
 */
export type ResourceSummary = {
  type: string;
  name: string;
  /** Number of instances when the resource is counted by a variable. */
  count?: string;
};

export interface TerraformModule {
  /** File name -> content, relative to the module folder. */
  files: Record<string, string>;
  resources: ResourceSummary[];
}

const HEADER = 'Rendered by Canopy. Review the plan before applying.';

/** Collects the blocks of one Terraform module and writes its files. */
export class ModuleBuilder {
  private readonly main: HclBlock[] = [];
  private readonly variables: HclBlock[] = [];
  private readonly outputs: HclBlock[] = [];
  private readonly extraFiles: Record<string, string> = {};
  private readonly summary: ResourceSummary[] = [];
  private readonly providers: Record<
    string,
    { source: string; version: string }
  > = {
    openstack: {
      source: 'terraform-provider-openstack/openstack',
      version: '~> 3.0',
    },
  };

  constructor(
    /** Tags every taggable resource carries. */
    readonly tags: string[],
    cloud: string,
    region?: string,
  ) {
    this.variable(
      'os_cloud',
      TYPES.string,
      'Cloud name in clouds.yaml (credentials stay out of this repository).',
      cloud,
    );
    this.variable('region', TYPES.string, 'OpenStack region.', region ?? null);
  }

  /** Volumes carry the tags as metadata (`key=value`, or `tag = ""`). */
  get metadata(): Record<string, string> {
    // No prototype: a key such as __proto__ is kept like any other.
    const out: Record<string, string> = Object.create(null);
    for (const tag of this.tags) {
      const i = tag.indexOf('=');
      if (i > 0) out[tag.slice(0, i)] = tag.slice(i + 1);
      else out[tag] = '';
    }
    return out;
  }

  requireProvider(name: string, source: string, version: string) {
    this.providers[name] = { source, version };
  }

  resource(
    type: string,
    name: string,
    body: Array<HclBodyItem | HclBodyItem[]>,
    count?: string,
  ) {
    if (this.summary.some(r => r.type === type && r.name === name)) {
      // The inputs' rules rule this out (checkUniqueAddresses); reaching it is a bug.
      throw new Error(`internal: resource ${type}.${name} is defined twice`);
    }
    this.main.push(block('resource', [type, name], body));
    this.summary.push(count ? { type, name, count } : { type, name });
    return (...path: Array<string | number>) => ref(type, name, ...path);
  }

  data(type: string, name: string, body: Array<HclBodyItem | HclBodyItem[]>) {
    this.main.push(block('data', [type, name], body));
    return (...path: Array<string | number>) =>
      ref('data', type, name, ...path);
  }

  locals(body: Array<HclBodyItem | HclBodyItem[]>) {
    this.main.push(block('locals', [], body));
  }

  variable(
    name: string,
    type: HclExpr,
    description: string,
    defaultValue?: HclValue,
    sensitive = false,
  ) {
    this.variables.push(
      block(
        'variable',
        [name],
        [
          attr('type', type),
          attr('description', description),
          attr('default', defaultValue),
          sensitive ? attr('sensitive', true) : [],
        ],
      ),
    );
    return ref('var', name);
  }

  output(name: string, value: HclValue, description: string) {
    this.outputs.push(
      block(
        'output',
        [name],
        [attr('description', description), attr('value', value)],
      ),
    );
  }

  file(name: string, content: string) {
    this.extraFiles[name] = content;
  }

  build(): TerraformModule {
    const versions = [
      block(
        'terraform',
        [],
        [
          attr('required_version', '>= 1.5.0'),
          block(
            'required_providers',
            [],
            Object.entries(this.providers)
              .map(([n, p]) => attr(n, p))
              .flat(),
          ),
        ],
      ),
      block(
        'provider',
        ['openstack'],
        [
          attr('cloud', ref('var', 'os_cloud')),
          attr('region', ref('var', 'region')),
        ],
      ),
    ];
    return {
      files: {
        'versions.tf': renderHcl(versions, HEADER),
        'variables.tf': renderHcl(this.variables, HEADER),
        'main.tf': renderHcl(this.main, HEADER),
        'outputs.tf': renderHcl(this.outputs, HEADER),
        ...this.extraFiles,
      },
      resources: this.summary,
    };
  }
}
