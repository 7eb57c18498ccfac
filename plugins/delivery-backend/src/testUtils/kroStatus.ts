/**
 * Statuses KRO writes on an instance, for tests: `ready` once every resource
 * of the instance is ready, `failed(message)` when reconciling failed.
 *
 * @public
 */
export const kroStatus = {
  ready: {
    state: 'ACTIVE',
    conditions: [
      { type: 'InstanceSynced', status: 'True' },
      { type: 'Ready', status: 'True', reason: 'AllResourcesReady' },
    ],
  },
  failed: (message: string) => ({
    state: 'FAILED',
    conditions: [
      { type: 'Ready', status: 'False', reason: 'ReconcileFailed', message },
    ],
  }),
};
