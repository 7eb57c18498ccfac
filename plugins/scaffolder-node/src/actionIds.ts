/**
 * The ids of every action Canopy's scaffolder modules add to the scaffolder, e.g.
 * for a permission policy that lets users run Canopy's actions and no
 * others (`scaffolder.action.execute`, `hasActionId`).
 *
 * @public
 */
export const CANOPY_ACTION_IDS = [
  'canopy:argocd:app-of-apps',
  'canopy:argocd:application',
  'canopy:catalog:entity',
  'canopy:delivery:track',
  'canopy:flux:kustomization',
  'canopy:knative:service',
  'canopy:kro:definitions',
  'canopy:kro:instance',
  'canopy:kyverno:policies',
  'canopy:openstack:quota-preflight',
  'canopy:pipeline:terraform',
  'canopy:publish:pull-request',
  'canopy:terraform:instances',
  'canopy:terraform:kubernetes-cluster',
  'canopy:terraform:loadbalancer',
  'canopy:terraform:network',
  'canopy:terraform:volume',
  'canopy:validate',
] as const;
