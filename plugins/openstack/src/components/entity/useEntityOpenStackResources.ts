import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { openstackApiRef } from '../../api';

/** The OpenStack resources of the entity of the current page. */
export function useEntityOpenStackResources() {
  const { entity } = useEntity();
  const api = useApi(openstackApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(
    () => api.getEntityResources(entityRef),
    [api, entityRef],
  );
  return { entity, ...state };
}
