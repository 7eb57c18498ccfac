import type { OwnershipResolver } from '@canopy-idp/plugin-openstack-node';
import type { ArgoCdInstance } from '../config';
import {
  DeliveryObservationError,
  type DeliveryObservation,
  type DeliveryStageObserver,
} from '@canopy-idp/plugin-delivery-node';
import type { DeliveryFacts, StoredRequest } from '../store/types';
import { APP_PROJECT_RULE, type TenancyMap } from '../tenancy/TenancyMap';

/** The parts of an Argo CD Application (argoproj.io/v1alpha1) this stage reads. */
export interface Application {
  spec?: { project?: string };
  status?: {
    /** The revision(s) Argo CD compared the live state with (`revisions` for multi-source apps). */
    sync?: { status?: string; revision?: string; revisions?: string[] };
    /** When Argo CD last compared the application (RFC 3339, seconds). */
    reconciledAt?: string;
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string };
    conditions?: Array<{ type?: string; message?: string }>;
  };
}

type AppState = {
  name: string;
  state: DeliveryObservation['state'];
  text: string;
  link: { title: string; url: string };
  /** Not the requester's to see: nothing of it is shown. */
  denied?: boolean;
};

const seconds = (time: string | undefined) =>
  Math.floor(Date.parse(time ?? '') / 1000);

/**
 * Whether the application's status speaks of the merged change: Argo CD
 * compared it with the merge commit, or compared it (with the branch's head)
 * at or after the time of the merge. A status from before the merge (an
 * application that was already Synced and Healthy, or already failing) says
 * nothing about this request. Without a merge to compare with, any status does.
 */
function afterMerge(app: Application, facts: DeliveryFacts): boolean {
  if (!facts.mergeCommitSha && !facts.mergedAt) return true;
  const revisions = [
    app.status?.sync?.revision,
    ...(app.status?.sync?.revisions ?? []),
  ];
  if (facts.mergeCommitSha && revisions.includes(facts.mergeCommitSha)) {
    return true;
  }
  // Argo CD writes whole seconds; the merge time is compared at that precision.
  return seconds(app.status?.reconciledAt) >= seconds(facts.mergedAt);
}

const short = (sha: string | undefined) => (sha ? sha.slice(0, 7) : 'unknown');

function judge(
  name: string,
  app: Application,
  facts: DeliveryFacts,
): Omit<AppState, 'link'> {
  const sync = app.status?.sync?.status ?? 'Unknown';
  const health = app.status?.health?.status ?? 'Unknown';
  if (!afterMerge(app, facts)) {
    return {
      name,
      state: 'pending',
      text: `${name}: ${sync}, ${health} at revision ${short(
        app.status?.sync?.revision,
      )}, compared before the merge; waiting for Argo CD to compare ${
        facts.mergeCommitSha ? short(facts.mergeCommitSha) : 'the merge'
      }`,
    };
  }
  const operation = app.status?.operationState;
  const error = app.status?.conditions?.find(c => /Error$/.test(c.type ?? ''));
  if (operation && ['Failed', 'Error'].includes(operation.phase ?? '')) {
    return {
      name,
      state: 'failed',
      text: `${name}: sync ${operation.phase}: ${
        operation.message ?? ''
      }`.trim(),
    };
  }
  if (health === 'Degraded') {
    return {
      name,
      state: 'failed',
      text: `${name}: Degraded${
        app.status?.health?.message ? `: ${app.status.health.message}` : ''
      }`,
    };
  }
  if (sync === 'Synced' && health === 'Healthy') {
    return { name, state: 'succeeded', text: `${name}: Synced, Healthy` };
  }
  return {
    name,
    state: 'running',
    text: `${name}: ${sync}, ${health}${
      error?.message ? ` (${error.message})` : ''
    }`,
  };
}

/** Reads Argo CD Applications through the REST API of the configured instances. */
export class ArgoCdApplications {
  constructor(
    private readonly instances: ArgoCdInstance[],
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The configured instance of this name, or the first; throws when there is none. */
  instance(name: string | undefined): ArgoCdInstance {
    const instance = name
      ? this.instances.find(i => i.name === name)
      : this.instances[0];
    if (!instance) {
      throw new DeliveryObservationError(
        name
          ? `Argo CD instance '${name}' is not configured under delivery.argocd.instances`
          : 'no Argo CD instance is configured under delivery.argocd.instances',
      );
    }
    return instance;
  }

  /**
   * The application, or undefined when Argo CD has none of that name.
   * Throws an DeliveryObservationError when Argo CD cannot be asked.
   */
  async read(
    instance: ArgoCdInstance,
    name: string,
  ): Promise<Application | undefined> {
    let response: Response;
    try {
      response = await this.fetchImpl(
        `${instance.url}/api/v1/applications/${encodeURIComponent(name)}`,
        {
          headers: {
            Authorization: `Bearer ${instance.token}`,
            Accept: 'application/json',
          },
          signal: AbortSignal.timeout(15_000),
        },
      );
    } catch (error) {
      throw new DeliveryObservationError(
        `Argo CD ${instance.name} did not answer: ${(error as Error).message}`,
      );
    }
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new DeliveryObservationError(
        `Argo CD ${instance.name} answered HTTP ${response.status} for application ${name}`,
      );
    }
    return (await response.json()) as Application;
  }
}

/**
 * The `argocd` stage: each expected Application synced and healthy, through
 * Argo CD's REST API (`GET /api/v1/applications/{name}`) with a configured
 * API token. Missing applications are still to come (the app-of-apps creates
 * them after its own sync), and so is the status of an application Argo CD
 * has not compared since the merge; a failed sync or a Degraded app fails the
 * stage. Nothing of an application is shown unless its AppProject is one the
 * requester's teams own at the time of the check (APP_PROJECT_RULE).
 */
export class ArgoCdObserver implements DeliveryStageObserver {
  readonly stage = 'argocd' as const;
  readonly system = 'Argo CD';

  constructor(
    private readonly applications: ArgoCdApplications,
    private readonly tenancy: {
      owners: Pick<TenancyMap, 'ownsAppProject'>;
      ownership: Pick<OwnershipResolver, 'ofUserRef'>;
    },
  ) {}

  private async one(
    instanceName: string | undefined,
    name: string,
    request: StoredRequest,
    mine: () => Promise<Set<string>>,
  ): Promise<AppState> {
    const instance = this.applications.instance(instanceName);
    const link = {
      title: `Argo CD: ${name}`,
      url: `${instance.uiUrl}/applications/${encodeURIComponent(name)}`,
    };
    const app = await this.applications.read(instance, name);
    if (!app) {
      return { name, state: 'pending', text: `${name}: not created yet`, link };
    }
    const project = app.spec?.project ?? 'default';
    if (
      !this.tenancy.owners.ownsAppProject(instance.name, project, await mine())
    ) {
      return {
        name,
        state: 'failed',
        text: `Denied: ${request.requester} does not own the AppProject of application ${name} (${APP_PROJECT_RULE})`,
        link,
        denied: true,
      };
    }
    return { ...judge(name, app, request.facts), link };
  }

  async observe(request: StoredRequest): Promise<DeliveryObservation> {
    const apps = request.expected.argoCdApplications ?? [];
    // Their teams now, asked once per look (not at sign-in).
    let teams: Promise<Set<string>> | undefined;
    const mine = () =>
      (teams ??= this.tenancy.ownership.ofUserRef(
        request.requester,
        request.requesterOwnership,
      ));
    const states = await Promise.all(
      apps.map(a => this.one(a.instance, a.name, request, mine)),
    );
    const denied = states.filter(s => s.denied);
    if (denied.length) {
      // Nothing else of the stage is shown: not the others' states either.
      return {
        state: 'failed',
        message: denied.map(s => s.text).join('; '),
      };
    }
    const links = states.map(s => s.link);
    const failed = states.filter(s => s.state === 'failed');
    if (failed.length) {
      return {
        state: 'failed',
        message: failed.map(s => s.text).join('; '),
        links,
      };
    }
    if (states.every(s => s.state === 'succeeded')) {
      return {
        state: 'succeeded',
        message: states.map(s => s.text).join('; '),
        links,
      };
    }
    const started = states.some(s => s.state !== 'pending');
    return {
      state: started ? 'running' : 'pending',
      message: states
        .filter(s => s.state !== 'succeeded')
        .map(s => s.text)
        .join('; '),
      links,
    };
  }
}
