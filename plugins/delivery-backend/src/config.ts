import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** An Argo CD API server the `argocd` stage reads. */
export interface ArgoCdInstance {
  name: string;
  url: string;
  token: string;
  uiUrl: string;
}

/** The `delivery` configuration, read and checked once at start-up. */
export interface DeliveryOptions {
  schedule: SchedulerServiceTaskScheduleDefinition;
  backoff: { initialMs: number; maxMs: number };
  /** An open request unchanged for this long is given up on. */
  maxIdleMs: number;
  /** Most open requests per user. */
  maxOpenRequestsPerUser: number;
  argocd: ArgoCdInstance[];
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function readDeliveryOptions(root: Config): DeliveryOptions {
  const config = root.getOptionalConfig('delivery');
  const schedule = config?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('schedule'),
      )
    : {
        frequency: { seconds: 30 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 15 },
      };
  const initialSeconds =
    config?.getOptionalNumber('backoff.initialSeconds') ?? 30;
  const maxSeconds = config?.getOptionalNumber('backoff.maxSeconds') ?? 900;
  if (!(initialSeconds > 0) || !(maxSeconds >= initialSeconds)) {
    throw new InputError(
      'delivery.backoff: initialSeconds must be > 0 and maxSeconds >= initialSeconds',
    );
  }
  const argocd = (config?.getOptionalConfigArray('argocd.instances') ?? []).map(
    (c, i) => {
      const url = c.getString('url');
      if (!/^https?:\/\//.test(url)) {
        throw new InputError(
          `delivery.argocd.instances[${i}].url: must be an http(s) URL, got '${url}'`,
        );
      }
      return {
        name: c.getString('name'),
        url: trimSlash(url),
        token: c.getString('token'),
        uiUrl: trimSlash(c.getOptionalString('uiUrl') ?? url),
      };
    },
  );
  const maxIdleDays = config?.getOptionalNumber('maxIdleDays') ?? 30;
  if (!(maxIdleDays > 0)) {
    throw new InputError('delivery.maxIdleDays: must be more than 0');
  }
  const maxOpen = config?.getOptionalNumber('maxOpenRequestsPerUser') ?? 50;
  if (!Number.isInteger(maxOpen) || maxOpen < 1) {
    throw new InputError(
      `delivery.maxOpenRequestsPerUser: must be a whole number of at least 1, got ${maxOpen}`,
    );
  }
  return {
    schedule,
    maxOpenRequestsPerUser: maxOpen,
    backoff: { initialMs: initialSeconds * 1000, maxMs: maxSeconds * 1000 },
    maxIdleMs: maxIdleDays * 86_400_000,
    argocd,
  };
}
