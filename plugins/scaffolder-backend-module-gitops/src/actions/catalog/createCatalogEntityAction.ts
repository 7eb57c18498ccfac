import { catalogEntityInput, renderCatalogEntity } from '../../lib/catalog';
import { createManifestAction } from '../kubernetes/createManifestAction';
import { examples } from './createCatalogEntityAction.examples';

/**
 * `canopy:catalog:entity`: the catalog-info.yaml for what a template creates,
 * annotated for the OpenStack, Kubernetes and Argo CD views of its entity.
 *
 * @public
 */
export function createCatalogEntityAction() {
  return createManifestAction({
    id: 'canopy:catalog:entity',
    description:
      'Renders catalog-info.yaml for the entity a template creates, with the openstack.canopy-idp.io, backstage.io/kubernetes-* and argocd/app-name annotations that tie it to its resources.',
    schema: catalogEntityInput,
    render: input => ({
      folder: input.targetPath,
      files: { 'catalog-info.yaml': [renderCatalogEntity(input)] },
    }),
    examples,
  });
}
