import { entityTag } from '@canopy-idp/plugin-openstack-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod/v3';
import { dnsLabel, entityRef, text, targetPath } from '../inputs';
import { ModuleBuilder } from './module';

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
    .describe('Extra tags for every taggable resource'),
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
