import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp as renderInNewApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { renderInLegacyApp } from '@canopy-idp/frontend-common/testUtils';
import { deliveryApiRef } from './api';
import { deliveryEntityCard, deliveryPage } from './blueprints';
import { DeliveryPage, EntityDeliveryCard } from './extensions';
import { rootRouteRef } from './routes';
import deliveryPlugin from './alpha';
import {
  fakeDeliveryApi,
  paymentsEntity,
  paymentsRequest,
  SLOW,
} from './__testUtils__/fixtures';

const tester = (extension: ExtensionDefinition<any>) =>
  createExtensionTester(extension);

/** The stages of the request on the My requests page, once under its heading. */
async function myRequestsPageStages() {
  const article = await screen.findByRole('article', {
    name: 'Create payments',
  });
  expect(
    screen.getByRole('heading', { level: 1, name: 'My requests' }),
  ).toBeVisible();
  return within(article).getByRole('list', {
    name: 'Stages of Create payments',
  });
}

const entityOfKind = (kind: string) => ({ ...paymentsEntity, kind });

describe('extensions of the new frontend system', () => {
  it('are part of the default plugin', () => {
    expect(deliveryPlugin.getExtension('api:delivery')).toMatchObject({
      kind: 'api',
    });
    expect(deliveryPlugin.getExtension('page:delivery')).toMatchObject({
      kind: 'page',
    });
    expect(deliveryPlugin.getExtension('entity-card:delivery')).toMatchObject({
      kind: 'entity-card',
    });
  });

  it('make a My requests page at /delivery that is also a nav item', () => {
    const page = tester(deliveryPage);
    expect(page.get(coreExtensionData.routePath)).toBe('/delivery');
    expect(page.get(coreExtensionData.title)).toBe('My requests');
    // A page with a route ref and an icon is listed in the app's nav.
    expect(page.get(coreExtensionData.routeRef)).toBeDefined();
    expect(page.get(coreExtensionData.icon)).toBeDefined();
  });

  it('put the Delivery card on the overview of components, resources and systems', () => {
    const filter = tester(deliveryEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    ) as (entity: Entity) => boolean;
    expect(
      ['Component', 'Resource', 'System', 'API', 'Group', 'User'].filter(kind =>
        filter(entityOfKind(kind)),
      ),
    ).toEqual(['Component', 'Resource', 'System']);
  });

  it(
    'render the page in an app, at /delivery, under its heading',
    async () => {
      const { api } = fakeDeliveryApi({ mine: [[paymentsRequest()]] });
      renderTestApp({
        features: [deliveryPlugin],
        initialRouteEntries: ['/delivery'],
        apis: [[deliveryApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
      expect(await myRequestsPageStages()).toBeVisible();
    },
    SLOW,
  );

  it(
    'render the card for an entity',
    async () => {
      const { api, calls } = fakeDeliveryApi({ entity: [[paymentsRequest()]] });
      renderInNewApp(
        <EntityProvider entity={paymentsEntity}>
          {tester(deliveryEntityCard).reactElement()}
        </EntityProvider>,
        { apis: [[deliveryApiRef, api]] },
      );
      expect(
        await screen.findByRole('heading', {
          name: 'What the pull request asked for',
        }),
      ).toBeVisible();
      expect(screen.getByText('Delivery')).toBeVisible();
      expect(calls).toEqual(['entity component:default/payments']);
    },
    SLOW,
  );
});

describe('extensions of the legacy frontend system', () => {
  // As in an app's App.tsx, where the page is mounted under a path.
  const render = (element: JSX.Element) => {
    const { api } = fakeDeliveryApi({
      mine: [[paymentsRequest()]],
      entity: [[paymentsRequest()]],
    });
    return renderInLegacyApp(element, {
      apis: [[deliveryApiRef, api]],
      entity: paymentsEntity,
      path: '/delivery',
      routeRef: rootRouteRef,
    });
  };

  it(
    'DeliveryPage shows the page with its header',
    async () => {
      await render(<DeliveryPage />);
      expect(await myRequestsPageStages()).toBeVisible();
    },
    SLOW,
  );

  it(
    'EntityDeliveryCard shows the card',
    async () => {
      await render(<EntityDeliveryCard />);
      expect(
        await screen.findByRole('list', {
          name: 'What the pull request asked for',
        }),
      ).toBeVisible();
    },
    SLOW,
  );
});
