import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  OpenStackOperationsClient,
  type OpenStackOperationsClientOptions,
} from '../schema/client.generated';
import type { OpenStackCostRequest } from '../types';
import type {
  OpenStackLookup,
  OpenStackLookupItems,
  OpenStackLookupName,
} from '../types';
import type {
  OpenStackApi,
  OpenStackEntityResourcesOptions,
  OpenStackLookupOptions,
} from './OpenStackApi';

/**
 * The OpenStack backend plugin's HTTP API under the names the frontend and
 * the scaffolder use; each call is one operation of the generated
 * {@link OpenStackOperationsClient}.
 *
 * @public
 */
export class OpenStackClient implements OpenStackApi {
  readonly #operations: OpenStackOperationsClient;

  constructor(options: OpenStackOperationsClientOptions) {
    this.#operations = new OpenStackOperationsClient(options);
  }

  health() {
    return this.#operations.getHealth();
  }

  listClouds() {
    return this.#operations.listClouds();
  }

  async lookup<TLookup extends OpenStackLookupName>(
    cloud: string,
    region: string,
    lookup: TLookup,
    options?: OpenStackLookupOptions,
  ) {
    return (await this.#operations.lookup({
      path: { cloud, region, lookup },
      query: { project: options?.project },
    })) as OpenStackLookup<OpenStackLookupItems[TLookup]>;
  }

  quotaHeadroom(
    cloud: string,
    region: string,
    options?: OpenStackLookupOptions,
  ) {
    return this.#operations.getQuotaHeadroom({
      path: { cloud, region },
      query: { project: options?.project },
    });
  }

  estimateCost(
    cloud: string,
    region: string,
    request: OpenStackCostRequest,
    options?: OpenStackLookupOptions,
  ) {
    return this.#operations.estimateCost({
      path: { cloud, region },
      query: { project: options?.project },
      body: request,
    });
  }

  projectRunRate(cloud: string, options?: OpenStackLookupOptions) {
    return this.#operations.getProjectRunRate({
      path: { cloud },
      query: { project: options?.project },
    });
  }

  async getEntityResources(
    entityRef: CompoundEntityRef | string,
    options?: OpenStackEntityResourcesOptions,
  ) {
    const { kind, namespace, name } =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    return this.#operations.listEntityResources({
      path: { kind, namespace, name },
      query: {
        kinds: options?.kinds?.length ? options.kinds.join(',') : undefined,
        quotas: options?.quotas,
      },
    });
  }
}
