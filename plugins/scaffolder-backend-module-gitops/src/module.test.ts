import { testRegisteredActions } from '@canopy-idp/plugin-scaffolder-node-test-utils';
import { scaffolderModuleCanopyGitOps } from './module';

describe('scaffolderModuleCanopyGitOps', () => {
  testRegisteredActions(scaffolderModuleCanopyGitOps, [
    'canopy:argocd:app-of-apps',
    'canopy:argocd:application',
    'canopy:catalog:entity',
    'canopy:flux:kustomization',
    'canopy:knative:service',
    'canopy:kro:definitions',
    'canopy:kro:instance',
    'canopy:kyverno:policies',
    'canopy:validate',
  ]);
});
