import { createRouteRef } from '@backstage/core-plugin-api';

/** Where apps mount the My requests page (`/delivery` by default). */
export const rootRouteRef = createRouteRef({ id: 'delivery' });
