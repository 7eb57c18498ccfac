import { waitFor } from '@testing-library/react';
import { coreApis, useApi, type AppNode } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { appFeatures } from './App';

type Seen = {
  attachedTo?: { node: string; input: string };
  disabled: boolean;
};

function describeNode(node: AppNode | undefined): Seen | undefined {
  if (!node) {
    return undefined;
  }
  const { attachedTo } = node.edges;
  return {
    attachedTo: attachedTo && {
      node: attachedTo.node.spec.id,
      input: attachedTo.input,
    },
    disabled: node.spec.disabled,
  };
}

describe("the app's catalog entity pages", () => {
  it('get the OpenStack tab and overview card from the openstack plugin', async () => {
    const seen: { content?: Seen; card?: Seen } = {};
    const Probe = () => {
      const { tree } = useApi(coreApis.appTree).getTree();
      seen.content = describeNode(tree.nodes.get('entity-content:openstack'));
      seen.card = describeNode(tree.nodes.get('entity-card:openstack'));
      return null;
    };

    await renderInTestApp(<Probe />, { features: appFeatures });

    await waitFor(() => expect(seen.content).toBeDefined());
    expect(seen.content).toEqual({
      attachedTo: { node: 'page:catalog/entity', input: 'contents' },
      disabled: false,
    });
    expect(seen.card).toEqual({
      attachedTo: { node: 'entity-content:catalog/overview', input: 'cards' },
      disabled: false,
    });
  }, 180_000);
});
