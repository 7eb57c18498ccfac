import { entityTag } from '@canopy-idp/plugin-openstack-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v3';
import {
  dnsLabel,
  entityRef,
  text,
  targetPath,
} from '@canopy-idp/plugin-scaffolder-node';
import { ModuleBuilder } from './module';

/** Tag keys Canopy sets on every resource itself. */
const RESERVED_TAG_KEYS = ['canopy.entity', 'canopy.managed-by'];

/** The metadata key a tag becomes on a volume: the part before '=', or the whole tag. */
export function metadataKey(tag: string) {
  const i = tag.indexOf('=');
  return i > 0 ? tag.slice(0, i) : tag;
}

/** Inputs every Terraform action takes. */
export const commonInput = {
  name: dnsLabel('name').describe(
    'Name of what is created; prefix of every resource name',
  ),
  entityRef: entityRef().describe(
    'Catalog entity the resources belong to; its tag goes on every taggable resource',
  ),
  cloud: text(64, 1).describe(
    'Cloud name in clouds.yaml (and in the OpenStack plugin configuration)',
  ),
  region: text(64)
    .optional()
    .describe('OpenStack region; the clouds.yaml default when empty'),
  tags: z
    .array(
      text(60, 1).refine(t => !t.includes(',') && !t.includes('/'), {
        message:
          "tags must not contain ',' or '/' (Nova and Neutron refuse them)",
      }),
    )
    .max(20)
    .default([])
    .superRefine((tags, ctx) => {
      const keys = new Map<string, number>();
      tags.forEach((tag, i) => {
        const key = metadataKey(tag);
        if (RESERVED_TAG_KEYS.includes(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `tag ${JSON.stringify(tag)} uses the key ${JSON.stringify(
              key,
            )}, which Canopy sets itself (the OpenStack plugin finds resources by it)`,
          });
        } else if (keys.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `tag ${JSON.stringify(
              tag,
            )} repeats the key ${JSON.stringify(key)} of tags[${keys.get(
              key,
            )}] (volumes carry tags as metadata, where a key holds one value)`,
          });
        } else {
          keys.set(key, i);
        }
      });
    })
    .describe(
      'Extra tags for every taggable resource (volumes: as metadata key=value)',
    ),
  targetPath: targetPath()
    .optional()
    .describe(
      'Folder in the workspace for the module; default terraform/<name>',
    ),
};

export type CommonInput = {
  name: string;
  entityRef: string;
  cloud: string;
  region?: string;
  tags: string[];
  targetPath?: string;
};

export function builderFor(input: CommonInput) {
  const tags = [
    entityTag(parseEntityRef(input.entityRef)),
    'canopy.managed-by=canopy',
    ...input.tags,
  ];
  return new ModuleBuilder([...new Set(tags)], input.cloud, input.region);
}

export const targetPathOf = (input: CommonInput) =>
  input.targetPath ?? `terraform/${input.name}`;
