import type { Config } from '@backstage/config';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * Every Canopy scaffolder action, built from configuration. The renderers,
 * validators and pull-request actions register here as they land.
 */
export function createCanopyActions(_options: {
  config: Config;
}): TemplateAction<any, any, any>[] {
  return [];
}
