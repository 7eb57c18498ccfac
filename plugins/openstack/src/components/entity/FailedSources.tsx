import { WarningPanel } from '@backstage/core-components';
import type { OpenStackSourceStatus } from '@canopy-idp/plugin-openstack-common';
import { describeFailedSource, KIND_TITLES } from './format';
import { failedSources } from '../common/SourceWarnings';

function affected(source: OpenStackSourceStatus) {
  const kinds = source.kinds.map(k =>
    k in KIND_TITLES
      ? KIND_TITLES[k as keyof typeof KIND_TITLES].toLocaleLowerCase('en-US')
      : k,
  );
  return kinds.length ? ` (missing: ${kinds.join(', ')})` : '';
}

/**
 * A warning naming each OpenStack source that did not answer, so a short or
 * empty list is not taken for the whole truth.
 */
export const FailedSources = (props: {
  sources?: OpenStackSourceStatus[];
  /** Whether the list shows at first (default true). */
  defaultExpanded?: boolean;
}) => {
  const failed = failedSources(props.sources);
  if (!failed.length) {
    return null;
  }
  return (
    <WarningPanel
      title={`${
        failed.length === 1 ? 'An OpenStack source' : 'Some OpenStack sources'
      } could not be read; what is shown may be incomplete`}
      defaultExpanded={props.defaultExpanded ?? true}
    >
      <ul data-testid="openstack-failed-sources">
        {failed.map(source => (
          <li
            key={`${source.cloud}/${source.region}/${source.service}`}
          >{`${describeFailedSource(source)}${affected(source)}`}</li>
        ))}
      </ul>
    </WarningPanel>
  );
};
