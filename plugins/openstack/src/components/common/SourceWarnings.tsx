import type { OpenStackSourceStatus } from '@canopy-idp/plugin-openstack-common';
import Alert from '@material-ui/lab/Alert';

/** "compute: timeout — no answer in 10s" */
export function describeSource(source: OpenStackSourceStatus) {
  return `${source.service}: ${source.status}${
    source.message ? ` — ${source.message}` : ''
  }`;
}

/** The sources of an answer that did not answer normally. */
export function failedSources(sources: OpenStackSourceStatus[] | undefined) {
  return (sources ?? []).filter(s => s.status !== 'ok');
}

/**
 * A warning naming each source of an answer that failed, so an empty or
 * partial list is not mistaken for the whole truth.
 */
export const SourceWarnings = (props: {
  sources?: OpenStackSourceStatus[];
  what: string;
}) => {
  const failed = failedSources(props.sources);
  if (!failed.length) {
    return null;
  }
  return (
    <Alert severity="warning" data-testid="openstack-source-warnings">
      {`Some ${props.what} could not be read: ${failed
        .map(describeSource)
        .join('; ')}`}
    </Alert>
  );
};
