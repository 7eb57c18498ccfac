import type { ArgoCdInstance } from '../config';
import {
  ObservationError,
  type Observation,
  type StageObserver,
} from '../stages/Observer';
import type { StoredRequest } from '../store/types';

/** The parts of an Argo CD Application (argoproj.io/v1alpha1) this stage reads. */
interface Application {
  status?: {
    sync?: { status?: string };
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string };
    conditions?: Array<{ type?: string; message?: string }>;
  };
}

type AppState = {
  name: string;
  state: Observation['state'];
  text: string;
  link: { title: string; url: string };
};

function judge(name: string, app: Application): Omit<AppState, 'link'> {
  const sync = app.status?.sync?.status ?? 'Unknown';
  const health = app.status?.health?.status ?? 'Unknown';
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

/**
 * The `argocd` stage: each expected Application synced and healthy, through
 * Argo CD's REST API (`GET /api/v1/applications/{name}`) with a configured
 * API token. Missing applications are still to come (the app-of-apps creates
 * them after its own sync); a failed sync or a Degraded app fails the stage.
 */
export class ArgoCdObserver implements StageObserver {
  readonly stage = 'argocd' as const;

  constructor(
    private readonly instances: ArgoCdInstance[],
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private instance(name: string | undefined): ArgoCdInstance {
    const instance = name
      ? this.instances.find(i => i.name === name)
      : this.instances[0];
    if (!instance) {
      throw new ObservationError(
        name
          ? `Argo CD instance '${name}' is not configured under delivery.argocd.instances`
          : 'no Argo CD instance is configured under delivery.argocd.instances',
      );
    }
    return instance;
  }

  private async one(
    instanceName: string | undefined,
    name: string,
  ): Promise<AppState> {
    const instance = this.instance(instanceName);
    const link = {
      title: `Argo CD: ${name}`,
      url: `${instance.uiUrl}/applications/${encodeURIComponent(name)}`,
    };
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
      throw new ObservationError(
        `Argo CD ${instance.name} did not answer: ${(error as Error).message}`,
      );
    }
    if (response.status === 404) {
      return { name, state: 'pending', text: `${name}: not created yet`, link };
    }
    if (!response.ok) {
      throw new ObservationError(
        `Argo CD ${instance.name} answered HTTP ${response.status} for application ${name}`,
      );
    }
    return { ...judge(name, (await response.json()) as Application), link };
  }

  async observe(request: StoredRequest): Promise<Observation> {
    const apps = request.expected.argoCdApplications ?? [];
    const states = await Promise.all(
      apps.map(a => this.one(a.instance, a.name)),
    );
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
