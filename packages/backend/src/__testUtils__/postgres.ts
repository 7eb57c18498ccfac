/**
 * PostgreSQL on loopback for tests and benchmarks: the backend's database
 * configuration for a prefix of fresh databases, and their removal.
 */
import { Client } from 'pg';

export const POSTGRES_URL =
  process.env.CANOPY_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the PostgreSQL cases of Jest tests run: only when
 * CANOPY_TEST_POSTGRES_URL is set (the repository's test command sets it), so
 * that `yarn test` needs no database server.
 */
export const POSTGRES_URL_SET = Boolean(process.env.CANOPY_TEST_POSTGRES_URL);

/** `backend.database` for databases named `<prefix><plugin>`, created on demand. */
export function postgresDatabase(prefix: string) {
  const url = new URL(POSTGRES_URL);
  return {
    client: 'pg',
    prefix,
    connection: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    },
  };
}

/** A client of one database of the prefix (e.g. `catalog`). */
export function postgresClient(database: string) {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return new Client({ connectionString: url.toString() });
}

/** Drops every database whose name starts with `prefix`. */
export async function dropDatabases(prefix: string): Promise<void> {
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
  } finally {
    await admin.end();
  }
}
