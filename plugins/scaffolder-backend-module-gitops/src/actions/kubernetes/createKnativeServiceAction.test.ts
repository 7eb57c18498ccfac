import { actionInputError } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { createKnativeServiceAction } from './createKnativeServiceAction';

describe('createKnativeServiceAction', () => {
  it('names the field and the rule on bad input, and writes nothing', async () => {
    expect(
      await actionInputError(createKnativeServiceAction(), {
        name: 'fn',
        namespace: 'team-a',
        image: 'ghcr.io/acme/fn:latest',
        minScale: 3,
        maxScale: 2,
      }),
    ).toMatch(
      /image: image must not use the tag 'latest'.*minScale: minScale \(3\) must not exceed maxScale \(2\)/,
    );
  });
});
