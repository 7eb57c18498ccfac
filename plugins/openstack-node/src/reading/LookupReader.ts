import { breakerKey } from './CircuitBreaker';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type {
  OpenStackLookup,
  OpenStackLookupItems,
  OpenStackLookupName,
} from '@canopy-idp/plugin-openstack-common';
import { LOOKUP_SOURCES } from '../openstack/sources';
import type { CachedReader } from './CachedReader';
import { failedScope } from './failedScope';
import type { ScopeResolver, Target } from './ScopeResolver';
import { sourceStatus } from './sourceStatus';

/** Form look-ups (flavors, images, networks, ...) in one cloud, region and project. */
export class LookupReader {
  constructor(
    private readonly resolver: ScopeResolver,
    private readonly reader: CachedReader,
    private readonly options: { lookupsTtlMs: number },
  ) {}

  async lookup<L extends OpenStackLookupName>(
    name: L,
    target: Omit<Target, 'tags'> & { region: string },
  ): Promise<OpenStackLookup<OpenStackLookupItems[L]>> {
    const { service, read } = LOOKUP_SOURCES[name];
    let scope;
    try {
      scope = await this.resolver.resolve({
        ...target,
        regions: [target.region],
        tags: [],
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      return {
        items: [],
        truncated: false,
        sources: [failedScope(target, error, [name]).source],
      };
    }
    const started = Date.now();
    const outcome = await this.reader.read(
      breakerKey(target, target.region, service),
      `openstack:v2:${target.cloud}:${scope.projectId}:${target.region}:lookup:${name}`,
      this.options.lookupsTtlMs,
      () => read(scope.api(target.region)) as Promise<JsonValue & never>,
    );
    const value = outcome.value as
      | { items: Array<OpenStackLookupItems[L]>; truncated: boolean }
      | undefined;
    return {
      items: value?.items ?? [],
      truncated: value?.truncated ?? false,
      sources: [
        sourceStatus({
          cloud: target.cloud,
          region: target.region,
          service,
          kinds: [name],
          outcomes: [outcome],
          durationMs: Date.now() - started,
        }),
      ],
    };
  }
}
