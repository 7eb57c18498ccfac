#!/usr/bin/env node
/**
 * The property sweep: every property test of Canopy's actions
 * (`*.property.test.ts`: the Terraform actions with the HCL parser and
 * `terraform fmt -check`, the manifest actions with the go-yaml decoders, the
 * pipeline, track and catalog actions) with many more cases than `yarn test`
 * runs, and one seed for all, printed first so that a failing sweep can be
 * run again exactly.
 *
 *   yarn test:properties                      5,000 cases per property, a new seed
 *   CANOPY_PROPERTY_SEED=123 yarn test:properties   that seed again
 *   CANOPY_PROPERTY_RUNS=20000 yarn test:properties more cases
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const given = (name, fallback) => {
  const value = process.env[name] ?? '';
  return /^\d+$/.test(value) ? Number(value) : fallback;
};
const runs = Math.max(1, given('CANOPY_PROPERTY_RUNS', 5000));
const seed = given('CANOPY_PROPERTY_SEED', randomInt(2 ** 31 - 1));

console.log(
  `Property sweep: ${runs} cases per property, seed ${seed} (again: CANOPY_PROPERTY_SEED=${seed} CANOPY_PROPERTY_RUNS=${runs} yarn test:properties)`,
);
const result = spawnSync(
  'yarn',
  ['backstage-cli', 'repo', 'test', '--runInBand', '\\.property\\.test\\.ts$'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CI: 'true',
      CANOPY_PROPERTY_RUNS: String(runs),
      CANOPY_PROPERTY_SEED: String(seed),
    },
  },
);
console.log(
  `Property sweep ${
    result.status === 0 ? 'passed' : 'FAILED'
  }: ${runs} cases per property, seed ${seed}`,
);
process.exit(result.status ?? 1);
