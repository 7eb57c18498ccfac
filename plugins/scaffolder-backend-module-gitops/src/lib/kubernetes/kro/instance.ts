/** Instances of Canopy's abstractions; each kind's defaults come from its shipped definition. */
import { z } from 'zod/v3';
import { dnsLabel, text } from '@canopy-idp/plugin-scaffolder-node';
import { defaultOf } from './defaults';
import type { Abstraction } from './types';

const API_VERSION = 'kro.run/v1alpha1';

/** An instance of one abstraction; `spec` is checked by kind. */
const image = z
  .string()
  .regex(
    /^[a-z0-9]+([._\-/:][a-z0-9]+)*$/,
    'image is a repository such as ghcr.io/acme/payments (no tag)',
  );
const host = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/,
    'host must be a DNS name such as payments.example.com',
  );
const quantity = z
  .string()
  .regex(
    /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/,
    'must be a Kubernetes quantity such as 500m or 1Gi',
  );
/** A whole number from `min` to `max`; by default, the one `kind`'s definition gives `field`. */
const wholeNumber = (
  kind: Abstraction,
  field: string,
  min: number,
  max: number,
) => z.number().int().min(min).max(max).default(defaultOf<number>(kind, field));

export const instanceInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('Workspace'),
    name: dnsLabel(),
    podSecurity: z
      .enum(['baseline', 'restricted'])
      .default(
        defaultOf<'baseline' | 'restricted'>('Workspace', 'podSecurity'),
      ),
    cpu: quantity.default(defaultOf('Workspace', 'cpu')),
    memory: quantity.default(defaultOf('Workspace', 'memory')),
    pods: wholeNumber('Workspace', 'pods', 1, 10000),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('WebApplication'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    image,
    tag: z
      .string()
      .regex(
        /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
        'tag is an image tag such as 1.4.2',
      )
      .refine(t => t !== 'latest', { message: "tag must not be 'latest'" }),
    replicas: z
      .number()
      .int()
      .min(1, 'replicas must be at least 1')
      .max(100, 'replicas must be at most 100')
      .default(defaultOf('WebApplication', 'replicas')),
    port: wholeNumber('WebApplication', 'port', 1, 65535),
    host,
    healthPath: z
      .string()
      .regex(
        /^\/[\x21-\x7e]*$/,
        'healthPath must start with / and contain only visible ASCII',
      )
      .default(defaultOf('WebApplication', 'healthPath')),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('Infrastructure'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    database: z
      .string()
      .regex(
        /^[a-z_][a-z0-9_]{0,62}$/,
        'database is a PostgreSQL identifier: a-z, 0-9 and _',
      ),
    instances: wholeNumber('Infrastructure', 'instances', 1, 9),
    storageSize: quantity.default(defaultOf('Infrastructure', 'storageSize')),
    redisPasswordSecret: dnsLabel('redisPasswordSecret'),
    description: text(255).optional(),
  }),
  z.object({
    kind: z.literal('Topic'),
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    partitions: wholeNumber('Topic', 'partitions', 1, 1000),
    replicas: wholeNumber('Topic', 'replicas', 1, 7),
    retentionMs: z
      .number()
      .int('retentionMs must be a whole number of milliseconds')
      .min(-1, 'retentionMs is -1 (keep forever) or more')
      .max(
        Number.MAX_SAFE_INTEGER,
        `retentionMs must be at most ${Number.MAX_SAFE_INTEGER} (written exactly as an integer)`,
      )
      .default(defaultOf('Topic', 'retentionMs')),
    description: text(255).optional(),
  }),
]);
export type InstanceInput = z.output<typeof instanceInput>;

export function renderInstance(v: InstanceInput & { entityRef?: string }) {
  const { kind, description, ...spec } = v as any;
  delete spec.entityRef;
  const namespace = kind === 'Workspace' ? undefined : spec.namespace;
  return {
    apiVersion: API_VERSION,
    kind,
    metadata: {
      name: spec.name,
      ...(namespace ? { namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'canopy' },
      ...(description !== undefined || v.entityRef
        ? {
            annotations: {
              ...(v.entityRef
                ? { 'backstage.io/source-entity': v.entityRef }
                : {}),
              ...(description !== undefined
                ? { 'canopy-idp.io/description': description }
                : {}),
            },
          }
        : {}),
    },
    spec,
  };
}
