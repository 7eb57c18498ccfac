/*
 * No imports, so that the end-to-end scripts Node runs directly (e2e/*.mts)
 * can load this file by its path.
 */

/**
 * Thrown by a check to stop waiting at once (the thing waited for can no
 * longer happen); until() rethrows it instead of polling on.
 *
 * @public
 */
export class StopWaiting extends Error {}

/**
 * Waits for a condition in end-to-end tests: polls `check` until it returns
 * a value, a bounded number of times, and fails naming what it waited for
 * (and the last error). No assertion depends on how fast the machine is.
 *
 * @public
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  attempts = 600,
  intervalMs = 500,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      last = error;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`gave up waiting for ${what}${last ? `: ${last}` : ''}`);
}
