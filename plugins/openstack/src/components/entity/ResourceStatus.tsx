import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

type StatusKind = 'ok' | 'error' | 'pending' | 'warning' | 'other';

const OK = ['ACTIVE', 'AVAILABLE', 'IN-USE', 'ONLINE', 'NO_MONITOR'];
const WARNING = [
  'SHUTOFF',
  'STOPPED',
  'PAUSED',
  'SUSPENDED',
  'SHELVED',
  'SHELVED_OFFLOADED',
  'DOWN',
  'DEGRADED',
  'UNKNOWN',
];
const PENDING = [
  'BUILD',
  'REBUILD',
  'REBOOT',
  'HARD_REBOOT',
  'RESIZE',
  'VERIFY_RESIZE',
  'MIGRATING',
  'CREATING',
  'ATTACHING',
  'DETACHING',
  'DELETING',
  'EXTENDING',
  'DOWNLOADING',
  'UPLOADING',
  'RESERVED',
  'MAINTENANCE',
];

/** What an OpenStack status (of any service) means, e.g. ACTIVE → ok. */
export function statusKind(status: string | undefined): StatusKind {
  const s = (status ?? '').toUpperCase();
  if (OK.includes(s)) {
    return 'ok';
  }
  if (s.includes('ERROR') || s === 'OFFLINE') {
    return 'error';
  }
  if (PENDING.includes(s) || s.startsWith('PENDING_')) {
    return 'pending';
  }
  return WARNING.includes(s) ? 'warning' : 'other';
}

const ICONS = {
  ok: StatusOK,
  error: StatusError,
  pending: StatusPending,
  warning: StatusWarning,
};

/** A status with the matching Backstage status icon (and its own label). */
export const ResourceStatus = (props: { status?: string; label?: string }) => {
  const kind = statusKind(props.status);
  const text = props.label ?? (props.status || 'unknown');
  if (kind === 'other') {
    return <>{text}</>;
  }
  const Icon = ICONS[kind];
  return <Icon>{text}</Icon>;
};
