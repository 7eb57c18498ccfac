export interface Config {
  /** Configuration of Canopy's scaffolder actions. */
  canopy?: {
    scaffolder?: {
      /**
       * Folder of CustomResourceDefinition YAML files that `canopy:validate`
       * checks custom resources against, e.g. exported from your clusters
       * with `kubectl get crd -o yaml`. Optional: `@canopy-idp/plugin-scaffolder-node` ships the
       * upstream CRDs of every kind Canopy emits; a CRD in this folder
       * replaces the bundled one for its kind, and CRDs read from a cluster
       * (the action's `cluster` input) or found in the workspace replace both.
       */
      crdDirectory?: string;
    };
  };
}
