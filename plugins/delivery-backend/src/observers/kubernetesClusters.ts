import type { Config } from '@backstage/config';
import { Agent } from 'undici';

/** A cluster of the kubernetes backend's `config` locator that the `kro` stage may read. */
export interface KubernetesCluster {
  name: string;
  url: string;
  token?: string;
  dispatcher?: Agent;
}

/**
 * The clusters configured for the kubernetes backend
 * (`kubernetes.clusterLocatorMethods[].type: config`), with their service
 * account tokens: the delivery plugin reads KRO instances with the same
 * clusters and credentials the portal's Kubernetes tab uses.
 */
export function readKubernetesClusters(config: Config): KubernetesCluster[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? [])
    .map(c => {
      const skipTLSVerify = c.getOptionalBoolean('skipTLSVerify') ?? false;
      const caData = c.getOptionalString('caData');
      const dispatcher =
        skipTLSVerify || caData
          ? new Agent({
              connect: {
                rejectUnauthorized: !skipTLSVerify,
                ...(caData
                  ? { ca: Buffer.from(caData, 'base64').toString('utf8') }
                  : {}),
              },
            })
          : undefined;
      return {
        name: c.getString('name'),
        url: c.getString('url').replace(/\/+$/, ''),
        token: c.getOptionalString('serviceAccountToken'),
        dispatcher,
      };
    });
}
