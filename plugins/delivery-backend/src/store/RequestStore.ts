import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { StoredRequest } from './types';

const MIGRATIONS = resolvePackagePath(
  '@canopy-idp/plugin-delivery-backend',
  'migrations',
);

const TABLE = 'delivery_requests';

type Row = {
  id: string;
  task_id: string;
  template_ref: string | null;
  title: string;
  requester: string;
  requester_ownership: string;
  entity_ref: string;
  pull_request: string;
  pull_request_url: string;
  repository: string;
  expected: string;
  state: string;
  stages: string;
  facts: string;
  version: number;
  attempts: number;
  next_check_at: string | null;
  untold: string | null;
  created_at: string;
  updated_at: string;
};

/** `github|host|owner/repo`, lower case: how webhooks find a repository's requests. */
export function repositoryKey(pr: {
  provider: string;
  host: string;
  owner: string;
  repo: string;
}): string {
  return `${pr.provider}|${pr.host}|${pr.owner}/${pr.repo}`.toLocaleLowerCase(
    'en-US',
  );
}

function toRow(r: StoredRequest): Row {
  return {
    id: r.id,
    task_id: r.taskId,
    template_ref: r.templateRef ?? null,
    title: r.title,
    requester: r.requester,
    requester_ownership: JSON.stringify(r.requesterOwnership),
    entity_ref: r.entityRef,
    pull_request: JSON.stringify(r.pullRequest),
    pull_request_url: r.pullRequest.url,
    repository: repositoryKey(r.pullRequest),
    expected: JSON.stringify(r.expected),
    state: r.state,
    stages: JSON.stringify(r.stages),
    facts: JSON.stringify(r.facts),
    version: r.version,
    attempts: r.attempts,
    next_check_at: r.nextCheckAt ?? null,
    untold: r.untold?.length ? JSON.stringify(r.untold) : null,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function fromRow(row: Row): StoredRequest {
  const stages = JSON.parse(row.stages) as StoredRequest['stages'];
  return {
    id: row.id,
    taskId: row.task_id,
    ...(row.template_ref ? { templateRef: row.template_ref } : {}),
    title: row.title,
    requester: row.requester,
    requesterOwnership: JSON.parse(row.requester_ownership),
    entityRef: row.entity_ref,
    pullRequest: JSON.parse(row.pull_request),
    expected: JSON.parse(row.expected),
    state: row.state as StoredRequest['state'],
    currentStage: stages.find(s => s.state !== 'succeeded')?.name,
    stages,
    facts: JSON.parse(row.facts),
    version: Number(row.version),
    attempts: Number(row.attempts),
    ...(row.next_check_at ? { nextCheckAt: row.next_check_at } : {}),
    ...(row.untold ? { untold: JSON.parse(row.untold) } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The delivery plugin's requests in its database (SQLite by default,
 * PostgreSQL in production), shared by every replica. Updates are
 * optimistic: each carries the version it was made from, and only one
 * replica's update of a version wins.
 */
export class RequestStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<RequestStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: MIGRATIONS });
    }
    return new RequestStore(db);
  }

  /** Records a request; a task recorded before (a retried step) gets its first record back. */
  async insert(request: StoredRequest): Promise<StoredRequest> {
    await this.db(TABLE).insert(toRow(request)).onConflict('task_id').ignore();
    const row = await this.db<Row>(TABLE)
      .where({ task_id: request.taskId })
      .first();
    return fromRow(row!);
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** How many open requests the user has, besides the one of `exceptTaskId`. */
  async countOpen(requester: string, exceptTaskId: string): Promise<number> {
    const [row] = await this.db(TABLE)
      .where({ requester, state: 'open' })
      .whereNot({ task_id: exceptTaskId })
      .count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async listByRequester(requester: string, limit = 100) {
    const rows = await this.db<Row>(TABLE)
      .where({ requester })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(fromRow);
  }

  async listByEntity(entityRef: string, limit = 50) {
    const rows = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(fromRow);
  }

  /** Open requests whose next check is due, the longest-waiting first. */
  async due(now: string, limit = 100): Promise<StoredRequest[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ state: 'open' })
      .andWhere('next_check_at', '<=', now)
      .orderBy('next_check_at', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /** The open requests whose pull request is in a repository (webhooks). */
  async openInRepository(repository: string, limit = 200) {
    const rows = await this.db<Row>(TABLE)
      .where({ state: 'open', repository })
      .orderBy('created_at', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /**
   * The open requests that expect an Argo CD application of this name (the
   * Argo CD webhook). The database narrows them by the application's name in
   * the stored expectations (JSON); the exact match is made here.
   */
  async openExpectingApplication(
    name: string,
    limit = 200,
  ): Promise<StoredRequest[]> {
    const needle = `"name":${JSON.stringify(name)}`.replace(
      /[\\%_]/g,
      c => `\\${c}`,
    );
    const rows = await this.db<Row>(TABLE)
      .where({ state: 'open' })
      .andWhereRaw(`expected like ? escape '\\'`, [`%${needle}%`])
      .orderBy('created_at', 'asc')
      .limit(limit);
    return rows
      .map(fromRow)
      .filter(r => r.expected.argoCdApplications?.some(a => a.name === name));
  }

  /**
   * Requests with changes written but not told yet, last written before
   * `writtenBefore` (ISO time), the oldest first.
   */
  async withUntold(
    writtenBefore: string,
    limit = 100,
  ): Promise<StoredRequest[]> {
    const rows = await this.db<Row>(TABLE)
      .whereNotNull('untold')
      .andWhere('updated_at', '<', writtenBefore)
      .orderBy('updated_at', 'asc')
      .limit(limit);
    return rows.map(fromRow);
  }

  /**
   * Clears the untold changes of the request at `version`. Does nothing when
   * another replica wrote the request since: that write carried them on, and
   * whoever wrote it tells them.
   */
  async markTold(id: string, version: number): Promise<void> {
    await this.db(TABLE).where({ id, version }).update({ untold: null });
  }

  /**
   * Writes `next` if the stored request is still at `next.version - 1`.
   * Returns false when another replica updated it first.
   */
  async update(next: StoredRequest): Promise<boolean> {
    const { id, version, ...rest } = toRow(next);
    const changed = await this.db(TABLE)
      .where({ id, version: version - 1 })
      .update({ ...rest, version });
    return changed === 1;
  }
}
