import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkExample,
  exampleCases,
} from '@canopy-idp/plugin-scaffolder-node/testUtils';
import { createKnativeServiceAction } from './createKnativeServiceAction';
import { examples } from './createKnativeServiceAction.examples';

describe('createKnativeServiceAction', () => {
  // Validated against the upstream Knative Service CRD.
  it.each(exampleCases(examples))(
    'example: %s',
    checkExample(createKnativeServiceAction(), {
      files: [/^functions\/team-a\/thumbnailer\.yaml$/],
    }),
    180_000,
  );

  it('names the field and the rule on bad input', async () => {
    const ctx = createMockActionContext({
      input: {
        name: 'fn',
        namespace: 'team-a',
        image: 'ghcr.io/acme/fn:latest',
        minScale: 3,
        maxScale: 2,
      } as any,
      workspacePath: mkdtempSync(path.join(tmpdir(), 'canopy-kn-')),
    });
    await expect(
      createKnativeServiceAction().handler(ctx as any),
    ).rejects.toThrow(
      /image: image must not use the tag 'latest'.*minScale: minScale \(3\) must not exceed maxScale \(2\)/,
    );
  });
});
