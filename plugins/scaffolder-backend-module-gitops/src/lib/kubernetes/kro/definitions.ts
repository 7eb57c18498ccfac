/**
 * Canopy's abstractions (seed 001): kro ResourceGraphDefinitions for
 * Workspace, WebApplication, Infrastructure and Topic. They ship as YAML
 * files in the package (`kro/`), read once when the module loads; the
 * platform settings of `canopy:kro:definitions` go into the places
 * `settings.ts` names. `${...}` inside templates are kro CEL expressions.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod/v3';
import { dnsLabel, targetPath } from '@canopy-idp/plugin-scaffolder-node';
import { applySettings } from './settings';
import {
  ABSTRACTIONS,
  type Abstraction,
  type ResourceGraphDefinition,
} from './types';

function load(kind: Abstraction): ResourceGraphDefinition {
  const file = resolvePackagePath(
    '@canopy-idp/plugin-scaffolder-backend-module-gitops',
    'kro',
    `${kind.toLowerCase()}.yaml`,
  );
  const doc = parse(readFileSync(file, 'utf8')) as ResourceGraphDefinition;
  if (doc?.spec?.schema?.kind !== kind) {
    throw new Error(`${file} does not define the kro abstraction ${kind}`);
  }
  return doc;
}

/** The shipped definitions, as read from the package's YAML files. */
export const SHIPPED: Readonly<Record<Abstraction, ResourceGraphDefinition>> =
  Object.fromEntries(ABSTRACTIONS.map(kind => [kind, load(kind)])) as Record<
    Abstraction,
    ResourceGraphDefinition
  >;

export const definitionsInput = z.object({
  abstractions: z
    .array(z.enum(ABSTRACTIONS))
    .min(1)
    .default([...ABSTRACTIONS]),
  ingressNamespace: dnsLabel('ingressNamespace').default('ingress-nginx'),
  kafkaNamespace: dnsLabel('kafkaNamespace').default('kafka'),
  kafkaCluster: dnsLabel('kafkaCluster').default('shared'),
  targetPath: targetPath().default('platform/abstractions'),
});
export type DefinitionsInput = z.output<typeof definitionsInput>;

/** The chosen definitions with the platform settings in place, by file name. */
export function renderDefinitions(
  v: DefinitionsInput,
): Record<string, ResourceGraphDefinition> {
  const out: Record<string, ResourceGraphDefinition> = {};
  for (const kind of v.abstractions) {
    out[`${kind.toLowerCase()}.yaml`] = applySettings(
      structuredClone(SHIPPED[kind]),
      v,
    );
  }
  return out;
}
