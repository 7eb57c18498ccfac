import { screen } from '@testing-library/react';
import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { renderInLegacyApp } from '@canopy-idp/frontend-common/testUtils';
import { openstackApiRef } from './api';
import { entityContentRouteRef } from './routes';
import { EntityOpenStackCard, EntityOpenStackContent } from './extensions';
import { isOpenStackAvailable } from './components/entity/isOpenStackAvailable';
import {
  openstackEntityCard,
  openstackEntityContent,
} from './entityBlueprints';
import openstackPlugin from './alpha';
import {
  entityResourcesOf,
  fakeOpenStackApi,
} from './__testUtils__/fakeOpenStackApi';
import {
  paymentsEntity,
  paymentsResources,
  SLOW,
} from './__testUtils__/entityFixtures';

const tester = (extension: ExtensionDefinition<any>) =>
  createExtensionTester(extension);

describe('entity extensions of the new frontend system', () => {
  it('adds an OpenStack tab at <entity>/openstack for entities with a cloud', () => {
    const content = tester(openstackEntityContent);
    expect(content.get(coreExtensionData.routePath)).toBe('openstack');
    expect(content.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'OpenStack',
    );
    expect(content.get(EntityContentBlueprint.dataRefs.filterFunction)).toBe(
      isOpenStackAvailable,
    );
  });

  it('adds an OpenStack card to the overview of entities with a cloud', () => {
    const card = tester(openstackEntityCard);
    expect(card.get(EntityCardBlueprint.dataRefs.filterFunction)).toBe(
      isOpenStackAvailable,
    );
    expect(card.get(coreExtensionData.reactElement)).toBeDefined();
  });

  it('are part of the default plugin', () => {
    expect(
      openstackPlugin.getExtension('entity-content:openstack'),
    ).toMatchObject({ kind: 'entity-content', namespace: 'openstack' });
    expect(openstackPlugin.getExtension('entity-card:openstack')).toMatchObject(
      { kind: 'entity-card', namespace: 'openstack' },
    );
  });
});

describe('entity extensions of the legacy frontend system', () => {
  // As in an app's EntityPage, where the tab is mounted under a path.
  const render = (element: JSX.Element) => {
    const { api } = fakeOpenStackApi({
      entityResources: entityResourcesOf(paymentsResources),
    });
    return renderInLegacyApp(element, {
      apis: [[openstackApiRef, api]],
      entity: paymentsEntity,
      path: '/openstack',
      routeRef: entityContentRouteRef,
    });
  };

  it(
    'EntityOpenStackContent shows the tab',
    async () => {
      await render(<EntityOpenStackContent />);
      expect(await screen.findByText('Servers (2)')).toBeInTheDocument();
    },
    SLOW,
  );

  it(
    'EntityOpenStackCard shows the card',
    async () => {
      await render(<EntityOpenStackCard />);
      expect(
        await screen.findByRole('link', {
          name: /Show the OpenStack resources/,
        }),
      ).toHaveAttribute('href', '/openstack');
    },
    SLOW,
  );
});
