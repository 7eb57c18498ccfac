/**
 * How many cases each property test runs, and with which seed: 200 and a
 * fresh seed in `yarn test` (fast-check prints the seed of a failure);
 * `yarn test:properties` (scripts/test-properties.mjs) sets
 * CANOPY_PROPERTY_RUNS (5,000 by default) and CANOPY_PROPERTY_SEED, which it
 * prints, so a failing sweep can be run again as it was.
 *
 * @public
 */
export const PROPERTY_RUNS = Number(process.env.CANOPY_PROPERTY_RUNS) || 200;

const seed = Number(process.env.CANOPY_PROPERTY_SEED);

/**
 * The parameters of every `fc.assert` in Canopy's property tests.
 *
 * @public
 */
export const propertyParameters = {
  numRuns: PROPERTY_RUNS,
  ...(Number.isInteger(seed) ? { seed } : {}),
};

/**
 * A test timeout that grows with the runs: a sweep of 5,000 cases takes ten
 * times as long as one of 500, on a busy machine too (a limit, not a
 * measurement: speed is measured under bench/).
 *
 * @public
 */
export const PROPERTY_TIMEOUT_MS = Math.max(120_000, PROPERTY_RUNS * 400);
