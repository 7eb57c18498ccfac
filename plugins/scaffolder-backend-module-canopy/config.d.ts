export interface Config {
  /** Configuration of Canopy's scaffolder actions. */
  canopy?: {
    scaffolder?: {
      /**
       * Folder of CustomResourceDefinition YAML files that `canopy:validate`
       * checks custom resources against (in addition to CRDs and KRO
       * definitions found in the workspace itself).
       */
      crdDirectory?: string;
    };
  };
}
