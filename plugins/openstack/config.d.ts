export interface Config {
  /** Frontend settings of Canopy's OpenStack plugin. */
  openstack?: {
    /**
     * The OpenStack clouds, as configured for the backend. Only names, regions and
     * Horizon links are visible to the browser; credentials never are.
     */
    clouds?: Array<{
      /** @visibility frontend */
      name: string;
      /** @visibility frontend */
      regions?: string[];
      /** @visibility frontend */
      horizonUrl?: string;
    }>;
  };
}
