import type { Entity } from '@backstage/catalog-model';
import type { RouteRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  renderInTestApp,
  TestApiProvider,
  type TestApiProviderProps,
} from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';

/**
 * Renders an extension of the legacy frontend system as an app mounts it:
 * at `path` (its route ref `routeRef`), for `entity`, with `apis`; the
 * catalog's entity route is mounted too, for the links it makes.
 *
 * @public
 */
export function renderInLegacyApp<TApiPairs extends any[]>(
  element: JSX.Element,
  options: {
    apis: TestApiProviderProps<TApiPairs>['apis'];
    entity: Entity;
    path: string;
    routeRef: RouteRef;
  },
) {
  const { apis, entity, path, routeRef } = options;
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <EntityProvider entity={entity}>
        <Routes>
          <Route path={path} element={element} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        [path]: routeRef,
      },
    },
  );
}
