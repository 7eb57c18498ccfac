/**
 * The catalog-info.yaml a Canopy template puts in its pull request: the entity
 * for what the template creates, annotated so that the entity page later lists
 * its OpenStack resources (openstack.canopy-idp.io/*), its Kubernetes objects
 * (backstage.io/kubernetes-*) and its Argo CD application.
 */
import {
  CommonValidatorFunctions,
  makeValidator,
} from '@backstage/catalog-model';
import { OPENSTACK_ANNOTATIONS } from '@canopy-idp/plugin-openstack-common';
import { z } from 'zod/v3';
import {
  dnsLabel,
  regionName,
  relativePath,
  text,
  wellFormed,
} from '@canopy-idp/plugin-scaffolder-node';

const validator = makeValidator();

const entityName = (what: string) =>
  z.string().refine(v => validator.isValidEntityName(v), {
    message: `${what} must be 1-63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
  });

const ref = (what: string) =>
  z
    .string()
    .regex(
      /^([a-zA-Z][a-zA-Z0-9_-]*:)?([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/,
      `${what} must be an entity reference such as group:default/team-a`,
    );

export const catalogEntityInput = z
  .object({
    kind: z.enum(['Component', 'Resource', 'System']).default('Component'),
    name: entityName('name'),
    namespace: dnsLabel('namespace').default('default'),
    title: text(255, 1).optional(),
    description: text(1000).optional(),
    type: z
      .string()
      .regex(
        /^[a-z0-9]+([-:.][a-z0-9]+)*$/,
        "type must be lower-case words joined by '-', e.g. service or openstack-network",
      )
      .optional(),
    lifecycle: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lifecycle must be a lower-case word')
      .default('experimental'),
    owner: ref('owner'),
    system: ref('system').optional(),
    dependsOn: z.array(ref('dependsOn')).max(50).default([]),
    tags: z
      .array(
        z.string().refine(v => validator.isValidTag(v), {
          message:
            "tags must be 1-63 lower-case letters, digits, '+', '#' or ':' joined by single '-'",
        }),
      )
      .max(20)
      .default([]),
    links: z
      .array(
        z.object({
          url: z.string().url('links[].url must be a URL'),
          title: text(255, 1)
            .refine(t => CommonValidatorFunctions.isNonEmptyString(t), {
              message:
                'links[].title must hold more than whitespace (the catalog refuses a blank link title)',
            })
            .optional(),
        }),
      )
      .max(20)
      .default([]),
    openstack: z
      .object({
        cloud: wellFormed('openstack.cloud'),
        // Regions and tags are joined with ',' into one annotation each.
        regions: z.array(regionName('openstack.regions[]')).max(20).default([]),
        project: wellFormed('openstack.project').optional(),
        tags: z
          .array(
            wellFormed('openstack.tags[]').refine(t => !t.includes(','), {
              message:
                "openstack.tags[] must not contain ',' (the annotation lists tags separated by ',')",
            }),
          )
          .max(20)
          .default([]),
      })
      .optional()
      .describe('Ties the entity to OpenStack resources tagged for it'),
    kubernetes: z
      .object({
        id: dnsLabel('kubernetes.id'),
        namespace: dnsLabel('kubernetes.namespace').optional(),
        labelSelector: z.string().min(1).optional(),
      })
      .optional()
      .describe('Ties the entity to Kubernetes objects'),
    argocdAppName: dnsLabel('argocdAppName').optional(),
    sourceLocation: z.string().url('sourceLocation must be a URL').optional(),
    targetPath: relativePath('targetPath', { root: true }).default('.'),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'System' && !v.type) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `type is required for a ${v.kind}`,
      });
    }
  });
export type CatalogEntityInput = z.output<typeof catalogEntityInput>;

/** The entity as a plain object; yaml.stringify quotes and escapes every value. */
export function renderCatalogEntity(v: CatalogEntityInput) {
  const annotations: Record<string, string> = {};
  if (v.openstack) {
    annotations[OPENSTACK_ANNOTATIONS.cloud] = v.openstack.cloud;
    if (v.openstack.regions.length)
      annotations[OPENSTACK_ANNOTATIONS.regions] =
        v.openstack.regions.join(',');
    if (v.openstack.project)
      annotations[OPENSTACK_ANNOTATIONS.project] = v.openstack.project;
    if (v.openstack.tags.length)
      annotations[OPENSTACK_ANNOTATIONS.tags] = v.openstack.tags.join(',');
  }
  if (v.kubernetes) {
    annotations['backstage.io/kubernetes-id'] = v.kubernetes.id;
    if (v.kubernetes.namespace)
      annotations['backstage.io/kubernetes-namespace'] = v.kubernetes.namespace;
    if (v.kubernetes.labelSelector)
      annotations['backstage.io/kubernetes-label-selector'] =
        v.kubernetes.labelSelector;
  }
  if (v.argocdAppName) annotations['argocd/app-name'] = v.argocdAppName;
  if (v.sourceLocation)
    annotations['backstage.io/source-location'] = `url:${v.sourceLocation}`;

  const spec: Record<string, unknown> = {};
  if (v.type) spec.type = v.type;
  if (v.kind === 'Component') spec.lifecycle = v.lifecycle;
  spec.owner = v.owner;
  if (v.system) spec.system = v.system;
  if (v.dependsOn.length) spec.dependsOn = v.dependsOn;

  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: v.kind,
    metadata: {
      name: v.name,
      ...(v.namespace !== 'default' ? { namespace: v.namespace } : {}),
      ...(v.title ? { title: v.title } : {}),
      ...(v.description ? { description: v.description } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(v.tags.length ? { tags: v.tags } : {}),
      ...(v.links.length ? { links: v.links } : {}),
    },
    spec,
  };
}
