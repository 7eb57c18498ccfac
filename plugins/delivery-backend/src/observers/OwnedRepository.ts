import type { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import type {
  DeliveryObservation,
  DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';
import { REPOSITORY_RULE, type TenancyMap } from '../tenancy/TenancyMap';

/**
 * Puts the repository rule before a stage that reads the pull request's
 * repository (the pull request, its checks, its pipelines) with the portal's
 * integration token: at each look, the requester's teams at that time must
 * own the repository (REPOSITORY_RULE), or nothing is read and the stage
 * fails with the rule named.
 */
export class OwnedRepository implements DeliveryStageObserver {
  readonly stage: DeliveryStageObserver['stage'];
  readonly system: string;

  constructor(
    private readonly inner: DeliveryStageObserver,
    private readonly tenancy: {
      owners: Pick<TenancyMap, 'ownsRepository'>;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
    },
  ) {
    this.stage = inner.stage;
    this.system = inner.system;
  }

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const { host, owner, repo } = request.pullRequest;
    const mine = await this.tenancy.ownership.ofUserRef(
      request.requester,
      request.requesterOwnership,
    );
    if (!this.tenancy.owners.ownsRepository(host, `${owner}/${repo}`, mine)) {
      return {
        state: 'failed',
        message: `Denied: ${request.requester} does not own repository '${host}/${owner}/${repo}' (${REPOSITORY_RULE})`,
      };
    }
    return this.inner.observe(request);
  }
}
