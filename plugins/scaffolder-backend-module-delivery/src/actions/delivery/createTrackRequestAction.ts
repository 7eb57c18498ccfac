import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CreateDeliveryRequest,
  DeliveryExpectations,
} from '@canopy-idp/plugin-delivery-common';
import { z } from 'zod/v3';
import {
  backendMessage,
  deliveryClientFor,
  dnsLabel,
  entityRef,
  parseInput,
  responseStatus,
} from '@canopy-idp/plugin-scaffolder-node';
import { requestBodyProblems } from './requestSchema';
import { examples } from './createTrackRequestAction.examples';

const name = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(253, `${what} must be at most 253 characters`);

/**
 * The form of `DeliveryExpectations` (@canopy-idp/plugin-delivery-common) a
 * template gives: names each field's rule early and expands `namespaces`;
 * the body it becomes is then checked against the delivery backend's own
 * contract ({@link requestBodyProblems}).
 */
const expectations = z
  .object({
    pipeline: z
      .boolean()
      .optional()
      .describe('Whether an apply pipeline runs on the merge commit'),
    argoCdApplications: z
      .array(
        z
          .object({
            instance: name('instance').optional(),
            name: name('name'),
            // The `resources` output of canopy:argocd:* actions fits as is.
            apiVersion: z.string().optional(),
            kind: z
              .literal('Application', {
                errorMap: () => ({
                  message:
                    'kind must be Application (only Applications are tracked)',
                }),
              })
              .optional(),
          })
          .transform(({ instance, name: app }) => ({
            ...(instance ? { instance } : {}),
            name: app,
          })),
      )
      .max(50)
      .optional(),
    kroInstances: z
      .array(
        z
          .object({
            cluster: name('cluster').optional(),
            apiVersion: z
              .string()
              .regex(
                /^[a-z0-9.-]+\/v[0-9a-z]+$/,
                'apiVersion must be group/version, e.g. kro.run/v1alpha1',
              ),
            kind: z
              .string()
              .regex(/^[A-Z][A-Za-z0-9]*$/, 'kind must be a Kubernetes kind'),
            plural: z
              .string()
              .regex(/^[a-z0-9]+$/, 'plural must be lower-case')
              .optional(),
            namespace: dnsLabel('namespace').optional(),
            namespaces: z
              .array(dnsLabel('namespaces[]'))
              .min(1)
              .max(20)
              .optional()
              .describe(
                'The same instance in each of these namespaces (e.g. the environments), instead of namespace',
              ),
            namespacePrefix: z
              .string()
              .regex(
                /^[a-z0-9][-a-z0-9]*-$/,
                "namespacePrefix must begin a DNS-1123 label and end in '-' (e.g. team-a-)",
              )
              .optional()
              .describe(
                'Put before each of namespaces, e.g. team-a- with namespaces [dev, test] for team-a-dev and team-a-test',
              ),
            name: name('name'),
          })
          .refine(i => Boolean(i.namespace) !== Boolean(i.namespaces), {
            message:
              'kroInstances[]: give namespace, or namespaces for the same instance in each, not both',
          })
          .refine(i => !i.namespacePrefix || i.namespaces, {
            message: 'kroInstances[]: namespacePrefix goes with namespaces',
          })
          .refine(
            i =>
              (i.namespaces ?? []).every(
                ns => `${i.namespacePrefix ?? ''}${ns}`.length <= 63,
              ),
            {
              message:
                'kroInstances[]: namespacePrefix + namespaces[] must be at most 63 characters (DNS-1123 label)',
            },
          ),
      )
      .max(50)
      .optional(),
    openstack: z
      .object({
        cloud: name('cloud'),
        project: name('project'),
        region: name('region').optional(),
        entityRef: entityRef(),
        estimatedCost: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(
            "What the request was priced at: the OpenStack quota pre-flight's cost output (checked against the delivery contract's EstimatedCost)",
          ),
      })
      .optional(),
  })
  .default({});

const schema = z.object({
  pullRequestUrl: z
    .preprocess(
      v => (v === '' || v === null ? undefined : v),
      z
        .string()
        .url('pullRequestUrl must be a URL')
        .regex(/^https?:\/\//, 'pullRequestUrl must be an http(s) URL')
        .optional(),
    )
    .describe(
      'The pull / merge request, e.g. steps.publish.output.remoteUrl; without it (dry-run) nothing is recorded',
    ),
  title: z
    .string()
    .min(1, 'title must not be empty')
    .max(255, 'title must be at most 255 characters')
    .describe('What was requested, e.g. the pull request title'),
  entityRef: entityRef().describe(
    'The catalog entity the request creates or changes',
  ),
  expected: expectations.describe(
    'What the pull request asks for: the stages the delivery backend follows after the merge',
  ),
});

/**
 * `canopy:delivery:track`: records the request in Canopy's delivery backend
 * once its pull request is open, on behalf of the user who ran the template,
 * so the request timeline follows it from merge to running (pipeline, Argo CD
 * applications, KRO instances, OpenStack resources: the `expected` stages).
 * Makes no call in dry-run or without a pull request URL. When the delivery
 * backend is not installed (404) it logs a warning and the task goes on; any
 * other error fails the step with the backend's message.
 *
 * @public
 */
export function createTrackRequestAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'canopy:delivery:track',
    description:
      "Records the request in Canopy's delivery backend after its pull request opens, with the stages to follow after the merge (pipeline, Argo CD applications, KRO instances, OpenStack resources).",
    examples,
    supportsDryRun: true,
    schema: {
      input: () => schema,
      output: {
        requestId: zod =>
          zod
            .string()
            .optional()
            .describe(
              'The recorded request (absent in dry-run, without a pull request, or without the delivery backend)',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(schema, ctx.input);
      const request: CreateDeliveryRequest = {
        taskId: ctx.task.id,
        ...(ctx.templateInfo?.entityRef
          ? { templateRef: ctx.templateInfo.entityRef }
          : {}),
        title: input.title,
        entityRef: input.entityRef,
        // Checked in dry-run and without a pull request too, with a stand-in.
        pullRequestUrl:
          input.pullRequestUrl ?? 'https://pull-request.invalid/1',
        expected: {
          ...input.expected,
          ...(input.expected.kroInstances
            ? {
                kroInstances: input.expected.kroInstances.flatMap(
                  ({ namespace, namespaces, namespacePrefix, ...instance }) =>
                    (namespaces ?? [namespace!]).map(ns => ({
                      ...instance,
                      namespace: namespaces
                        ? `${namespacePrefix ?? ''}${ns}`
                        : ns,
                    })),
                ),
              }
            : {}),
        } as DeliveryExpectations,
      };
      const problems = requestBodyProblems(request);
      if (problems.length) {
        throw new InputError(
          `The delivery backend would refuse this request (its contract, CreateRequest): ${problems.join(
            '; ',
          )}`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would record '${input.title}' for ${input.entityRef} in the delivery backend; no call made`,
        );
        return;
      }
      if (!input.pullRequestUrl) {
        ctx.logger.info(
          'No pull request URL (the pull request step opened none): nothing to track',
        );
        return;
      }
      const result = await ctx.checkpoint({
        key: `canopy.delivery.track.${ctx.task.id}.${input.pullRequestUrl}`,
        fn: async () => {
          const client = await deliveryClientFor(
            { discovery, auth },
            await ctx.getInitiatorCredentials(),
          );
          try {
            const created = await client.createRequest(request);
            return { requestId: created.id };
          } catch (error) {
            if (responseStatus(error) === 404) return { notInstalled: true };
            throw new Error(
              `The delivery backend did not record the request: ${backendMessage(
                error,
              )}`,
            );
          }
        },
      });
      if ('notInstalled' in result) {
        ctx.logger.warn(
          'The delivery backend is not installed (404 from /api/delivery): the request is not tracked',
        );
        return;
      }
      ctx.logger.info(
        `Tracking request ${result.requestId} for ${input.pullRequestUrl}`,
      );
      ctx.output('requestId', result.requestId);
    },
  });
}
