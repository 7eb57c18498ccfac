import { parseEntityRef } from '@backstage/catalog-model';
import {
  entityTag,
  type OpenStackResources,
} from '@canopy-idp/plugin-openstack-common';
import {
  ownsProject,
  type OpenStackService,
  type OwnershipResolver,
} from '@canopy-idp/plugin-openstack-node';
import {
  DeliveryObservationError,
  type DeliveryObservation,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';

/** Denied, with the rule named: the stage fails with this message. */
export const TENANCY_RULE =
  "rule: the OpenStack stage reads a project only when the requester, or one of the requester's groups now (or a group above it, childOf), is among the project's owners (openstack.clouds[].projects[].owners)";

type Verdict = 'ok' | 'failed' | 'waiting';
type Seen = { label: string; verdict: Verdict; status: string; link?: string };

function serverVerdict(status: string): Verdict {
  if (status === 'ACTIVE') return 'ok';
  return status === 'ERROR' ? 'failed' : 'waiting';
}

function volumeVerdict(status: string): Verdict {
  if (status === 'available' || status === 'in-use') return 'ok';
  return status.startsWith('error') ? 'failed' : 'waiting';
}

function neutronVerdict(status: string): Verdict {
  if (status === 'ACTIVE' || status === 'DOWN') return 'ok';
  return status === 'ERROR' ? 'failed' : 'waiting';
}

function lbVerdict(status: string): Verdict {
  if (status === 'ACTIVE') return 'ok';
  return status === 'ERROR' ? 'failed' : 'waiting';
}

/** Each tagged resource with what its status means for the request. */
export function judgeResources(
  r: OpenStackResources,
  horizon?: string,
): Seen[] {
  const link = (path: string) =>
    horizon && /^https?:\/\//.test(horizon)
      ? `${horizon.replace(/\/+$/, '')}${path}`
      : undefined;
  return [
    ...r.servers.map(s => ({
      label: `server ${s.name}`,
      verdict: serverVerdict(s.status),
      status: s.status,
      link: link(`/project/instances/${s.id}/`),
    })),
    ...r.volumes.map(v => ({
      label: `volume ${v.name || v.id}`,
      verdict: volumeVerdict(v.status),
      status: v.status,
      link: link(`/project/volumes/${v.id}/`),
    })),
    ...r.loadBalancers.map(lb => ({
      label: `load balancer ${lb.name || lb.id}`,
      verdict: lbVerdict(lb.provisioningStatus),
      status: lb.provisioningStatus,
      link: link(`/project/load_balancer/${lb.id}/`),
    })),
    ...r.networks.map(n => ({
      label: `network ${n.name || n.id}`,
      verdict: neutronVerdict(n.status),
      status: n.status,
      link: link(`/project/networks/${n.id}/detail`),
    })),
    ...r.routers.map(n => ({
      label: `router ${n.name || n.id}`,
      verdict: neutronVerdict(n.status),
      status: n.status,
    })),
    ...r.subnets.map(n => ({
      label: `subnet ${n.name || n.id}`,
      verdict: 'ok' as Verdict,
      status: n.cidr,
    })),
    ...r.floatingIps.map(f => ({
      label: `floating IP ${f.floatingIpAddress}`,
      verdict: neutronVerdict(f.status),
      status: f.status,
    })),
    ...r.securityGroups.map(g => ({
      label: `security group ${g.name}`,
      verdict: 'ok' as Verdict,
      status: 'present',
    })),
  ];
}

/**
 * The `openstack` stage: the resources tagged with the entity's
 * `canopy.entity=` tag exist in the expected project and are ACTIVE or
 * available. Read through Canopy's OpenStack readers, for the requester:
 * only a project the requester's teams own at the time of the check is read
 * (deny by default), with the same ownership rules as the OpenStack plugin
 * (the catalog's memberOf and childOf; see OwnershipResolver.ofUserRef).
 */
export class OpenStackObserver implements DeliveryStageObserver {
  readonly stage = 'openstack' as const;
  readonly system = 'OpenStack';

  constructor(
    private readonly service: OpenStackService,
    private readonly ownership: Pick<OwnershipResolver, 'ofUserRef'>,
  ) {}

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const expected = request.expected.openstack!;
    let cloud;
    try {
      cloud = this.service.projects.cloud(expected.cloud);
    } catch (error) {
      return { state: 'failed', message: (error as Error).message };
    }
    const project = this.service.projects.find(cloud, expected.project);
    if (!project) {
      return {
        state: 'failed',
        message: `Denied: project '${expected.project}' is not mapped in cloud '${expected.cloud}' (rule: Canopy reads only the projects listed under openstack.clouds[${expected.cloud}].projects)`,
      };
    }
    // A catalog that cannot be asked leaves the stage unknown (logged).
    const mine = await this.ownership.ofUserRef(
      request.requester,
      request.requesterOwnership,
    );
    if (!ownsProject(project, mine)) {
      return {
        state: 'failed',
        message: `Denied: ${request.requester} does not own project '${expected.project}' (${TENANCY_RULE})`,
      };
    }
    const tag = entityTag(parseEntityRef(expected.entityRef));
    let listing;
    try {
      listing = await this.service.listResources(
        expected.entityRef,
        {
          cloud: expected.cloud,
          project,
          regions: expected.region ? [expected.region] : undefined,
          tags: [tag],
        },
        undefined,
        false,
        // Delivery follows states, not prices: no quotes to CloudKitty.
        false,
      );
    } catch (error) {
      // The OpenStack readers' errors are redacted (never a token) and are
      // what the OpenStack tab shows too.
      throw new DeliveryObservationError(
        `OpenStack: ${(error as Error).message}`,
      );
    }
    const seen = judgeResources(listing.resources, listing.horizonUrl);
    const broken = listing.sources.filter(
      s => s.status === 'error' || s.status === 'timeout',
    );
    const links = seen
      .filter(s => s.link)
      .slice(0, 10)
      .map(s => ({ title: `Horizon: ${s.label}`, url: s.link! }));
    const failed = seen.filter(s => s.verdict === 'failed');
    if (failed.length) {
      return {
        state: 'failed',
        message: failed.map(s => `${s.label} is ${s.status}`).join('; '),
        links,
      };
    }
    if (broken.length) {
      throw new DeliveryObservationError(
        `OpenStack ${broken
          .map(
            s =>
              `${s.service} in ${s.region}: ${s.status}${
                s.message ? ` (${s.message})` : ''
              }`,
          )
          .join('; ')}`,
      );
    }
    if (!seen.length) {
      return {
        state: 'pending',
        message: `No resource tagged ${tag} in project '${expected.project}' yet`,
      };
    }
    const waiting = seen.filter(s => s.verdict === 'waiting');
    if (waiting.length) {
      return {
        state: 'running',
        message: `${seen.length - waiting.length} of ${
          seen.length
        } ready; ${waiting.map(s => `${s.label} ${s.status}`).join(', ')}`,
        links,
      };
    }
    return {
      state: 'succeeded',
      message: `${seen.length} resource(s) ready: ${seen
        .slice(0, 8)
        .map(s => `${s.label} ${s.status}`)
        .join(', ')}${seen.length > 8 ? ', …' : ''}`,
      links,
    };
  }
}
