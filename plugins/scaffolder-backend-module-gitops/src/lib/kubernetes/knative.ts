/** Knative Serving: a serverless function as a `serving.knative.dev/v1` Service (seed 000). */
import { z } from 'zod/v3';
import {
  dnsLabel,
  entityRef,
  targetPath,
  text,
} from '@canopy-idp/plugin-scaffolder-node';

const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'env names are letters, digits and _, not starting with a digit',
  )
  .refine(n => n !== '__proto__', {
    message:
      "env name '__proto__' cannot be passed on (JavaScript objects drop it)",
  });

export const knativeServiceInput = z
  .object({
    name: dnsLabel(),
    namespace: dnsLabel('namespace'),
    image: z
      .string()
      .regex(
        /^[a-z0-9]+([._\-/:][a-z0-9]+)*(@sha256:[a-f0-9]{64}|:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/,
        'image must be a repository with a tag or digest, e.g. ghcr.io/acme/hello:1.0.0',
      )
      .refine(i => !i.endsWith(':latest'), {
        message: "image must not use the tag 'latest'",
      }),
    port: z.number().int().min(1).max(65535).default(8080),
    env: z.record(envName, text(4096)).default({}),
    minScale: z.number().int().min(0).max(100).default(0),
    maxScale: z.number().int().min(1).max(1000).default(10),
    concurrency: z
      .number()
      .int()
      .min(0, 'concurrency is 0 (unlimited) or more')
      .max(1000)
      .default(0)
      .describe('Requests one instance serves at once; 0 = unlimited'),
    timeoutSeconds: z.number().int().min(1).max(3600).default(300),
    cpu: z
      .string()
      .regex(/^[0-9]+(\.[0-9]+)?m?$/, 'cpu must be a quantity such as 500m')
      .default('500m'),
    memory: z
      .string()
      .regex(/^[0-9]+(Ki|Mi|Gi)$/, 'memory must be a quantity such as 256Mi')
      .default('256Mi'),
    visibility: z.enum(['external', 'cluster-local']).default('external'),
    entityRef: entityRef()
      .optional()
      .describe('Catalog entity, recorded as an annotation'),
    targetPath: targetPath().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.minScale > v.maxScale) {
      ctx.addIssue({
        code: 'custom',
        path: ['minScale'],
        message: `minScale (${v.minScale}) must not exceed maxScale (${v.maxScale})`,
      });
    }
  });
export type KnativeServiceInput = z.output<typeof knativeServiceInput>;

export function renderKnativeService(v: KnativeServiceInput) {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': v.name,
    'app.kubernetes.io/managed-by': 'canopy',
  };
  if (v.visibility === 'cluster-local') {
    labels['networking.knative.dev/visibility'] = 'cluster-local';
  }
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name: v.name,
      namespace: v.namespace,
      labels,
      ...(v.entityRef
        ? { annotations: { 'backstage.io/source-entity': v.entityRef } }
        : {}),
    },
    spec: {
      template: {
        metadata: {
          labels: { 'app.kubernetes.io/name': v.name },
          annotations: {
            'autoscaling.knative.dev/min-scale': String(v.minScale),
            'autoscaling.knative.dev/max-scale': String(v.maxScale),
          },
        },
        spec: {
          containerConcurrency: v.concurrency,
          timeoutSeconds: v.timeoutSeconds,
          containers: [
            {
              image: v.image,
              ports: [{ containerPort: v.port }],
              ...(Object.keys(v.env).length
                ? {
                    env: Object.entries(v.env).map(([name, value]) => ({
                      name,
                      value,
                    })),
                  }
                : {}),
              resources: {
                requests: { cpu: v.cpu, memory: v.memory },
                limits: { memory: v.memory },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              readinessProbe: { tcpSocket: { port: v.port } },
            },
          ],
        },
      },
    },
  };
}
