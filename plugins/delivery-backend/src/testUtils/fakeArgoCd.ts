/**
 * Stands in for an Argo CD API server (argocd-server's REST gateway) on
 * 127.0.0.1, for the calls Canopy's delivery plugin makes: GET
 * /api/v1/applications/{name} (one Application, argoproj.io/v1alpha1, with
 * status.sync (status, revision), status.health, status.reconciledAt,
 * status.operationState and status.conditions)
 * and GET /api/v1/applications (an ApplicationList), with bearer-token
 * authentication. Errors are the gRPC-gateway bodies Argo CD answers
 * (`{ error, code, message }`: code 16 unauthenticated, 5 not found). No
 * Argo CD can run on these machines; tests move applications through their
 * states with {@link FakeArgoCd.setApplication}.
 */
import express from 'express';
import { LoopbackServer } from '@canopy-idp/plugin-delivery-common/testUtils';

/**
 * The state of an application of the loopback Argo CD.
 *
 * @public
 */
export interface FakeApplicationState {
  sync: 'Synced' | 'OutOfSync' | 'Unknown';
  health:
    | 'Healthy'
    | 'Progressing'
    | 'Degraded'
    | 'Suspended'
    | 'Missing'
    | 'Unknown';
  healthMessage?: string;
  operationPhase?: 'Running' | 'Succeeded' | 'Failed' | 'Error';
  operationMessage?: string;
  revision?: string;
  /** When Argo CD compared the application; by default, when it was set. */
  reconciledAt?: string;
  /** Its AppProject (spec.project); `default` unless given. */
  project?: string;
}

/**
 * A loopback Argo CD API server: `GET /api/v1/applications/{name}` with a bearer token, applications set by the test.
 *
 * @public
 */
export class FakeArgoCd extends LoopbackServer {
  private readonly apps = new Map<string, FakeApplicationState>();

  constructor(
    private readonly token: string,
    private readonly namespace = 'argocd',
  ) {
    super();
  }

  /**
   * Creates or moves an application, as a reconciliation by Argo CD would
   * (at this time, in whole seconds as Argo CD writes it, unless
   * `reconciledAt` is given); `undefined` deletes it.
   */
  setApplication(name: string, state: FakeApplicationState | undefined) {
    if (state) {
      this.apps.set(name, {
        ...state,
        reconciledAt:
          state.reconciledAt ??
          new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    } else this.apps.delete(name);
  }

  /** Creates or moves an application to Synced and Healthy in AppProject `project`. */
  setHealthy(name: string, project: string) {
    this.setApplication(name, { project, sync: 'Synced', health: 'Healthy' });
  }

  private application(name: string, s: FakeApplicationState) {
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name, namespace: this.namespace },
      spec: {
        project: s.project ?? 'default',
        destination: { server: 'https://kubernetes.default.svc' },
      },
      status: {
        sync: { status: s.sync, revision: s.revision ?? '' },
        reconciledAt: s.reconciledAt,
        health: {
          status: s.health,
          ...(s.healthMessage ? { message: s.healthMessage } : {}),
        },
        ...(s.operationPhase
          ? {
              operationState: {
                phase: s.operationPhase,
                message: s.operationMessage ?? '',
                startedAt: '2026-11-30T00:00:00Z',
              },
            }
          : {}),
        conditions:
          s.operationPhase === 'Error'
            ? [{ type: 'SyncError', message: s.operationMessage ?? '' }]
            : [],
      },
    };
  }

  async start() {
    const app = express();
    app.use((req, res, next) => {
      this.requests.push(`${req.method} ${req.path}`);
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        res.status(401).json({
          error: 'no session information',
          code: 16,
          message: 'no session information',
        });
        return;
      }
      next();
    });
    app.get('/api/v1/applications', (_req, res) => {
      res.json({
        metadata: { resourceVersion: '1' },
        items: [...this.apps].map(([n, s]) => this.application(n, s)),
      });
    });
    app.get('/api/v1/applications/:name', (req, res) => {
      const state = this.apps.get(req.params.name);
      if (!state) {
        const message = `applications.argoproj.io "${req.params.name}" not found`;
        res.status(404).json({ error: message, code: 5, message });
        return;
      }
      res.json(this.application(req.params.name, state));
    });
    await this.listen(app);
  }
}
