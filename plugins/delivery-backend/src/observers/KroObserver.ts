import type { ExpectedKroInstance } from '@canopy-idp/plugin-delivery-common';
import type { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import {
  DeliveryObservationError,
  type DeliveryObservation,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';
import { NAMESPACE_RULE, type TenancyMap } from '../tenancy/TenancyMap';
import type { KubernetesProxy } from './KubernetesProxy';

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
 * kubernetes backend's proxy to the instance's cluster (its `cluster`, else
 * the first cluster the kubernetes backend lists):
 * `GET /apis/{group}/{version}/namespaces/{ns}/{plural}/{name}`, with its
 * conditions in the message. Only in namespaces the requester's teams own
 * at the time of the check (NAMESPACE_RULE): otherwise nothing is read.
 */
export class KroObserver implements DeliveryStageObserver {
  readonly stage = 'kro' as const;
  readonly system = 'The Kubernetes API';

  constructor(
    private readonly kubernetes: Pick<
      KubernetesProxy,
      'get' | 'defaultCluster'
    >,
    private readonly tenancy: {
      owners: Pick<TenancyMap, 'ownsNamespace'>;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
    },
  ) {}

  private async one(expected: ExpectedKroInstance, cluster: string) {
    const plural =
      expected.plural ?? `${expected.kind.toLocaleLowerCase('en-US')}s`;
    const label = `${expected.kind} ${expected.namespace}/${expected.name}`;
    const path = `/apis/${expected.apiVersion}/namespaces/${encodeURIComponent(
      expected.namespace,
    )}/${encodeURIComponent(plural)}/${encodeURIComponent(expected.name)}`;
    const response = await this.kubernetes.get(cluster, path);
    if (!response.ok) {
      // The Kubernetes API answers with a Status; the kubernetes backend
      // itself (an unknown cluster, a refusal) with Backstage's error body.
      const body = (await response.json().catch(() => ({}))) as {
        kind?: string;
        message?: string;
        error?: { message?: string };
      };
      if (response.status === 404 && body.kind === 'Status') {
        return { state: 'pending' as const, text: `${label}: not created yet` };
      }
      const why = body.kind === 'Status' ? body.message : body.error?.message;
      throw new DeliveryObservationError(
        `${
          body.kind === 'Status'
            ? `Kubernetes cluster ${cluster}`
            : `The kubernetes backend, for cluster ${cluster},`
        } answered HTTP ${response.status} for ${label}${
          why ? `: ${why}` : ''
        }`,
      );
    }
    return judgeKroInstance(label, (await response.json()) as KroInstance);
  }

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const expected = request.expected.kroInstances ?? [];
    const fallback = expected.every(i => i.cluster)
      ? undefined
      : await this.kubernetes.defaultCluster();
    const clusterOf = (i: ExpectedKroInstance) => {
      const cluster = i.cluster ?? fallback;
      if (!cluster) {
        throw new DeliveryObservationError(
          'the kubernetes backend knows no cluster to read KRO instances in',
        );
      }
      return cluster;
    };
    const mine = await this.tenancy.ownership.ofUserRef(
      request.requester,
      request.requesterOwnership,
    );
    const denied = expected.filter(
      i => !this.tenancy.owners.ownsNamespace(clusterOf(i), i.namespace, mine),
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
      expected.map(i => this.one(i, clusterOf(i))),
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
