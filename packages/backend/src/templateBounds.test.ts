/**
 * Templates carry the bounds of the actions they feed: a number a template's
 * form accepts is one the action accepts, so the form refuses what the task
 * would (and the person filling it in learns it before submitting).
 */
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import {
  createQuotaPreflightAction,
  createTerraformInstancesAction,
  createTerraformKubernetesClusterAction,
  createTerraformLoadBalancerAction,
  createTerraformNetworkAction,
  createTerraformVolumeAction,
} from '@canopy-idp/plugin-scaffolder-backend-module-openstack';
import { createGitOpsActions } from '@canopy-idp/plugin-scaffolder-backend-module-gitops';
import { createPullRequestAction } from '@canopy-idp/plugin-scaffolder-backend-module-canopy';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const templatesDir = path.resolve(__dirname, '../../../templates');
const config = new ConfigReader({});
const actions = new Map(
  [
    createTerraformNetworkAction(),
    createTerraformInstancesAction(),
    createTerraformVolumeAction(),
    createTerraformLoadBalancerAction(),
    createTerraformKubernetesClusterAction(),
    ...createGitOpsActions({ config }),
    createQuotaPreflightAction({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    }),
    createPullRequestAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    }),
  ].map(a => [a.id, a.schema?.input as JsonSchema]),
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/** `${{ parameters.x }}` or `${{ parameters.x or 3 }}`: the parameter a value is. */
const PARAMETER = /^\$\{\{\s*parameters\.(\w+)(?:\s+or\s+-?[0-9.]+)?\s*\}\}$/;

/** The schema at a path of an input, choosing union branches by the input's `kind`. */
function schemaAt(
  schema: JsonSchema | undefined,
  input: Record<string, any>,
  key: string,
): JsonSchema | undefined {
  if (!schema) return undefined;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const chosen = branches.find(
      b =>
        b.properties?.kind?.const === undefined ||
        b.properties.kind.const === input.kind,
    );
    return schemaAt(chosen, input, key);
  }
  return schema.properties?.[key];
}

/** Every (input path, parameter, action schema) where an input is exactly a parameter. */
function numericUses() {
  const uses: Array<{
    where: string;
    parameter: string;
    param: JsonSchema;
    action: JsonSchema;
  }> = [];
  for (const name of readdirSync(templatesDir)) {
    const file = path.join(templatesDir, name, 'template.yaml');
    let template;
    try {
      template = parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const params: Record<string, JsonSchema> = Object.assign(
      {},
      ...template.spec.parameters.map((p: any) => p.properties ?? {}),
    );
    for (const step of template.spec.steps) {
      const root = actions.get(step.action);
      if (!root) continue;
      const walk = (
        input: any,
        schema: JsonSchema | undefined,
        where: string,
      ) => {
        if (!input || typeof input !== 'object' || Array.isArray(input)) return;
        for (const [key, value] of Object.entries(input)) {
          const inner = schemaAt(schema, input, key);
          if (typeof value === 'string') {
            const parameter = PARAMETER.exec(value)?.[1];
            const param = parameter ? params[parameter] : undefined;
            if (
              parameter &&
              param &&
              inner &&
              (param.type === 'integer' || param.type === 'number')
            ) {
              uses.push({
                where: `${name} ${step.id}.${where}${key}`,
                parameter,
                param,
                action: inner,
              });
            }
          } else {
            walk(value, inner, `${where}${key}.`);
          }
        }
      };
      walk(step.input, root, '');
    }
  }
  return uses;
}

describe("templates carry their actions' numeric bounds", () => {
  const uses = numericUses();

  it('finds the numeric parameters the templates pass on', () => {
    expect(uses.length).toBeGreaterThanOrEqual(10);
  });

  it.each(uses.map(u => [u.where, u]))('%s', (_where, use) => {
    const lower = use.action.minimum ?? use.action.exclusiveMinimum;
    const upper = use.action.maximum ?? use.action.exclusiveMaximum;
    const { minimum, maximum } = use.param;
    expect({
      parameter: use.parameter,
      minimumWithinAction:
        lower === undefined || (minimum !== undefined && minimum >= lower),
      maximumWithinAction:
        upper === undefined || (maximum !== undefined && maximum <= upper),
    }).toEqual({
      parameter: use.parameter,
      minimumWithinAction: true,
      maximumWithinAction: true,
    });
  });
});
