/**
 * Property test of `canopy:delivery:track` (issue 21, item 7): for generated
 * expectations (names, kinds and plurals the contract refuses among them),
 * the action either refuses naming the field before any call, or sends a
 * body that a router built the way the delivery backend builds its own
 * (`createValidatedOpenApiRouter` over the same OpenAPI document) accepts:
 * never a 400 after the pull request is open.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { deliveryApiSpec } from '@canopy-idp/plugin-delivery-common/spec';
import express from 'express';
import fc from 'fast-check';
import { LoopbackServer } from '@canopy-idp/plugin-delivery-common/testUtils';
import {
  PROPERTY_TIMEOUT_MS,
  propertyParameters,
} from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createTrackRequestAction } from './createTrackRequestAction';

jest.setTimeout(PROPERTY_TIMEOUT_MS);

const answers: number[] = [];

/**
 * The stand-in for the delivery backend: its router validates requests as
 * the backend's does, then answers 201.
 */
class DeliveryBackend extends LoopbackServer {
  async start() {
    // Untyped: the document is exported as data, not as its literal type.
    const create = createValidatedOpenApiRouter as unknown as (
      spec: unknown,
    ) => Promise<express.Router>;
    const router = await create(deliveryApiSpec);
    // Past the router's validation: the action reads only the id.
    router.post('/requests', (_req, res) => {
      answers.push(201);
      res.status(201).json({ id: 'req-1' });
    });
    const app = express();
    app.use('/api/delivery', router);
    app.use(
      (
        error: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        const status = error.name === 'InputError' ? 400 : 500;
        answers.push(status);
        res
          .status(status)
          .json({ error: { name: error.name, message: error.message } });
      },
    );
    await this.listen(app);
  }
}
const server = new DeliveryBackend();
beforeAll(() => server.start());
afterAll(() => server.stop());

const name = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/),
  fc.constantFrom('Web', '.', 'a/b', '-a', 'a-', 'a'.repeat(254), 'ü', ''),
);
const kind = fc.oneof(
  fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,10}$/),
  fc.constantFrom(
    `T${'a'.repeat(63)}`,
    `T${'a'.repeat(62)}`,
    'topic',
    '1Topic',
  ),
);
const plural = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/),
  fc.constantFrom('1abc', 'a'.repeat(64), 'Topics', 'to-pics'),
);
const namespace = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/),
  fc.constantFrom('a'.repeat(64), 'Team', '-a'),
);
const expected = fc.record(
  {
    pipeline: fc.boolean(),
    argoCdApplications: fc.array(
      fc.record({ name, instance: fc.constantFrom(undefined, 'main') }),
      { maxLength: 3 },
    ),
    kroInstances: fc.array(
      fc.record(
        {
          apiVersion: fc.constantFrom('kro.run/v1alpha1', 'Kro/v1', 'x'),
          kind,
          plural,
          namespace,
          name,
        },
        { requiredKeys: ['apiVersion', 'kind', 'namespace', 'name'] },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

describe('canopy:delivery:track with generated expectations', () => {
  it('refuses before any call, or sends what the backend accepts', async () => {
    const action = createTrackRequestAction({
      discovery: {
        getBaseUrl: async (id: string) => `${server.url}/api/${id}`,
      } as any,
      auth: mockServices.auth(),
    });
    await fc.assert(
      fc.asyncProperty(expected, async exp => {
        answers.length = 0;
        const ctx = createMockActionContext({
          input: {
            pullRequestUrl: 'https://github.com/acme/infra/pull/7',
            title: 'Add a topic',
            entityRef: 'component:default/web',
            expected: JSON.parse(JSON.stringify(exp)),
          } as any,
        });
        let error: Error | undefined;
        await action.handler(ctx as any).catch(e => {
          error = e;
        });
        // Refused naming a field before any call, or accepted by the router.
        expect(
          error
            ? [error.name, /expected\.\w+/.test(error.message), answers]
            : answers,
        ).toEqual(error ? ['InputError', true, []] : [201]);
      }),
      propertyParameters,
    );
  });
});
