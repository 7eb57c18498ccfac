import express from 'express';
import Router from 'express-promise-router';
import type { OpenStackHealth } from '@canopy-idp/plugin-openstack-common';

export interface RouterOptions {
  /** Names of the configured clouds (never their credentials). */
  clouds: string[];
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    const body: OpenStackHealth & { clouds: string[] } = {
      status: 'ok',
      clouds: options.clouds,
    };
    res.json(body);
  });

  return router;
}
