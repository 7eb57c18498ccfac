import type { ExpectedKroInstance } from '@canopy-idp/plugin-delivery-common';
import type { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import { fetch as undiciFetch } from 'undici';
import {
  DeliveryObservationError,
  type DeliveryObservation,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';
import { NAMESPACE_RULE, type TenancyMap } from '../tenancy/TenancyMap';
import type { KubernetesCluster } from './kubernetesClusters';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** The parts of a KRO instance's status this stage reads. */
interface KroInstance {
  status?: { state?: string; conditions?: Condition[] };
}

type InstanceState = { state: DeliveryObservation['state']; text: string };

const conditionsText = (conditions: Condition[]) =>
  conditions
    .map(
      c =>
        `${c.type}=${c.status}${
          c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''
        }`,
    )
    .join(', ');

/** Ready when its Ready condition is True (or, without conditions, its state ACTIVE). */
export function judgeKroInstance(
  label: string,
  body: KroInstance,
): InstanceState {
  const state = body.status?.state;
  const conditions = body.status?.conditions ?? [];
  const ready = conditions.find(c => c.type === 'Ready');
  const detail = [
    state ? `state ${state}` : undefined,
    conditionsText(conditions),
  ]
    .filter(Boolean)
    .join('; ');
  const text = `${label}: ${detail || 'no status yet'}`;
  if (ready?.status === 'True' || (!ready && state === 'ACTIVE')) {
    return { state: 'succeeded', text };
  }
  if (
    state === 'FAILED' ||
    state === 'ERROR' ||
    (ready?.status === 'False' && /fail|error/i.test(ready.reason ?? ''))
  ) {
    return { state: 'failed', text };
  }
  return { state: 'running', text };
}

/**
 * The `kro` stage: each expected KRO instance Ready, read through the
 * Kubernetes API of the kubernetes backend's configured clusters
 * (`GET /apis/{group}/{version}/namespaces/{ns}/{plural}/{name}`), with its
 * conditions in the message. Only in namespaces the requester's teams own
 * at the time of the check (NAMESPACE_RULE): otherwise nothing is read.
 */
export class KroObserver implements DeliveryStageObserver {
  readonly stage = 'kro' as const;
  readonly system = 'The Kubernetes API';

  constructor(
    private readonly clusters: KubernetesCluster[],
    private readonly tenancy: {
      owners: Pick<TenancyMap, 'ownsNamespace'>;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
    },
  ) {}

  /** The name of the cluster an instance is read in (the first configured one by default). */
  clusterName(expected: Pick<ExpectedKroInstance, 'cluster'>) {
    return expected.cluster ?? this.clusters[0]?.name;
  }

  private async one(expected: ExpectedKroInstance) {
    const cluster = expected.cluster
      ? this.clusters.find(c => c.name === expected.cluster)
      : this.clusters[0];
    if (!cluster) {
      throw new DeliveryObservationError(
        expected.cluster
          ? `cluster '${expected.cluster}' is not configured under kubernetes.clusterLocatorMethods (type: config)`
          : 'no cluster is configured under kubernetes.clusterLocatorMethods (type: config)',
      );
    }
    const plural =
      expected.plural ?? `${expected.kind.toLocaleLowerCase('en-US')}s`;
    const label = `${expected.kind} ${expected.namespace}/${expected.name}`;
    const path = `/apis/${expected.apiVersion}/namespaces/${encodeURIComponent(
      expected.namespace,
    )}/${encodeURIComponent(plural)}/${encodeURIComponent(expected.name)}`;
    let response;
    try {
      response = await undiciFetch(`${cluster.url}${path}`, {
        headers: {
          Accept: 'application/json',
          ...(cluster.token
            ? { Authorization: `Bearer ${cluster.token}` }
            : {}),
        },
        dispatcher: cluster.dispatcher,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new DeliveryObservationError(
        `Kubernetes cluster ${cluster.name} did not answer: ${
          (error as Error).message
        }`,
      );
    }
    if (response.status === 404) {
      return { state: 'pending' as const, text: `${label}: not created yet` };
    }
    if (!response.ok) {
      const status = (await response.json().catch(() => ({}))) as {
        message?: string;
      };
      throw new DeliveryObservationError(
        `Kubernetes cluster ${cluster.name} answered HTTP ${
          response.status
        } for ${label}${status.message ? `: ${status.message}` : ''}`,
      );
    }
    return judgeKroInstance(label, (await response.json()) as KroInstance);
  }

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const expected = request.expected.kroInstances ?? [];
    const mine = await this.tenancy.ownership.ofUserRef(
      request.requester,
      request.requesterOwnership,
    );
    const denied = expected.filter(
      i =>
        !this.tenancy.owners.ownsNamespace(
          this.clusterName(i),
          i.namespace,
          mine,
        ),
    );
    if (denied.length) {
      return {
        state: 'failed',
        message: `Denied: ${request.requester} does not own namespace ${[
          ...new Set(denied.map(i => i.namespace)),
        ].join(', ')} (${NAMESPACE_RULE})`,
      };
    }
    const states = await Promise.all(
      (request.expected.kroInstances ?? []).map(i => this.one(i)),
    );
    const message = states.map(s => s.text).join('; ');
    if (states.some(s => s.state === 'failed'))
      return { state: 'failed', message };
    if (states.every(s => s.state === 'succeeded'))
      return { state: 'succeeded', message };
    return {
      state: states.some(s => s.state !== 'pending') ? 'running' : 'pending',
      message,
    };
  }
}
