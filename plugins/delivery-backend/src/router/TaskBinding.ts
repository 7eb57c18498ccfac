import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  type DeliveryPullRequest,
  taskMarker,
} from '@canopy-idp/plugin-delivery-common';
import { projectPath, type ScmClients } from '../observers/ScmClients';

/** The rule a request that is not bound to its task is refused with. */
export const TASK_RULE =
  'rule: a delivery request is recorded only for a scaffolder task its requester created, and only for the pull request that task opened';

/**
 * Binds a delivery request to the scaffolder task that opened its pull
 * request, before the portal's credentials read anything for it:
 *
 * - the task is read from the scaffolder's task API with the requester's own
 *   credentials (on their behalf), so the scaffolder's permissions apply, and
 *   its `createdBy` must be the requester;
 * - the pull request must carry that task's marker (`taskMarker`), which
 *   `canopy:publish:pull-request` writes into every pull request it opens.
 *   A pull request that cannot be read is refused with the same message as
 *   one without the marker: the answer says nothing about a repository the
 *   requester cannot see.
 */
export class TaskBinding {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      scm: ScmClients;
    },
  ) {}

  async check(options: {
    taskId: string;
    pullRequest: DeliveryPullRequest;
    credentials: BackstageCredentials;
    requester: string;
  }): Promise<void> {
    const { taskId, pullRequest, credentials, requester } = options;
    const creator = await this.creatorOf(taskId, credentials);
    if (creator !== requester) {
      throw new NotAllowedError(
        `taskId: '${taskId}' is not a scaffolder task ${requester} created (${TASK_RULE})`,
      );
    }
    const body = await this.bodyOf(pullRequest).catch(() => undefined);
    if (!body?.includes(taskMarker(taskId).comment)) {
      throw new NotAllowedError(
        `pullRequestUrl: ${pullRequest.url} is not a pull request task '${taskId}' opened (${TASK_RULE})`,
      );
    }
  }

  /** The task's creator; undefined when the requester may not read it or it does not exist. */
  private async creatorOf(
    taskId: string,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'scaffolder',
    });
    const base = await this.deps.discovery.getBaseUrl('scaffolder');
    const res = await fetch(`${base}/v2/tasks/${encodeURIComponent(taskId)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status === 403 || res.status === 404) return undefined;
    if (!res.ok) {
      throw new ServiceUnavailableError(
        `taskId: the scaffolder did not answer for task '${taskId}' (HTTP ${res.status}), so the request cannot be bound to it; the track step may be retried`,
      );
    }
    const task = (await res.json()) as { createdBy?: string };
    return task.createdBy;
  }

  /** The pull request's body, read with the portal's integration credentials. */
  private async bodyOf(pr: DeliveryPullRequest): Promise<string | undefined> {
    if (pr.provider === 'github') {
      const octokit = await this.deps.scm.github(pr);
      const { data } = await octokit.pulls.get({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
      });
      return data.body ?? undefined;
    }
    const mr = await this.deps.scm
      .gitlab(pr)
      .MergeRequests.show(projectPath(pr), pr.number);
    return (mr.description as string | null) ?? undefined;
  }
}
