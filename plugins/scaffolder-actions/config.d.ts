export interface Config {
  /** Configuration of Canopy's scaffolder actions. */
  canopy?: {
    scaffolder?: {
      /**
       * Folder of CustomResourceDefinition YAML files that rendered manifests are
       * validated against when the target cluster cannot be read.
       */
      crdDirectory?: string;
    };
  };
}
