import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { OpenStackEntityResources } from '@canopy-idp/plugin-openstack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { FailedSources } from './FailedSources';
import { countResources, KIND_TITLES } from './format';
import { failedSources } from '../common/SourceWarnings';
import { COMPUTE_QUOTAS, QuotaUsage } from './QuotaUsage';
import { RequestProblem } from './RequestProblem';
import { ResourceStatus } from './ResourceStatus';
import { useEntityOpenStackResources } from './useEntityOpenStackResources';
import { entityContentRouteRef } from '../../routes';
import { RunRate } from './RunRate';
import { ProjectRunRate, projectOfSystem } from './ProjectRunRate';

/**
 * The OpenStack tab of the current entity, wherever the app mounts it, or
 * undefined when the app shows the card without the tab.
 */
function useTabLink(): string | undefined {
  try {
    return useRouteRef(entityContentRouteRef)();
  } catch {
    return undefined;
  }
}

const Counts = (props: { answer: OpenStackEntityResources }) => {
  const { perKind } = countResources(props.answer.resources);
  return (
    <Box display="flex" flexWrap="wrap" aria-label="Resource counts">
      {perKind
        .filter(k => k.count > 0)
        .map(({ kind, count }) => (
          <Box key={kind} mr={3} mb={1} textAlign="center">
            <Typography variant="h5" component="div">
              {count}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {KIND_TITLES[kind]}
            </Typography>
          </Box>
        ))}
    </Box>
  );
};

const ServerStatuses = (props: { answer: OpenStackEntityResources }) => {
  const counts = new Map<string, number>();
  for (const server of props.answer.resources.servers) {
    counts.set(server.status, (counts.get(server.status) ?? 0) + 1);
  }
  if (!counts.size) {
    return null;
  }
  return (
    <Box mb={1} aria-label="Server statuses">
      <Typography variant="subtitle2">Servers</Typography>
      {[...counts].map(([status, count]) => (
        <Box key={status} display="inline-block" mr={2}>
          <ResourceStatus status={status} label={`${count} ${status}`} />
        </Box>
      ))}
    </Box>
  );
};

const CardBody = (props: {
  answer: OpenStackEntityResources;
  /** Set for a project System: its whole project's run-rate is shown. */
  project?: { cloud: string; project: string };
}) => {
  const { answer, project } = props;
  const { total } = countResources(answer.resources);
  const failed = failedSources(answer.sources).length > 0;
  return (
    <>
      <FailedSources sources={answer.sources} defaultExpanded={false} />
      {total === 0 && !failed && !project && (
        <Typography variant="body2">
          {`No OpenStack resources are tagged for this entity (${answer.tags.join(
            ', ',
          )}).`}
        </Typography>
      )}
      <Counts answer={answer} />
      {project && <ProjectRunRate {...project} />}
      {answer.runRate && !project && (
        <Box mt={1}>
          <Typography variant="subtitle2">Run-rate</Typography>
          <RunRate runRate={answer.runRate} />
        </Box>
      )}
      <ServerStatuses answer={answer} />
      {answer.quotas.map(usage => (
        <Box key={usage.region} mt={1}>
          <Typography variant="subtitle2">{`Quota in ${usage.region}`}</Typography>
          <QuotaUsage usage={usage} rows={COMPUTE_QUOTAS} />
        </Box>
      ))}
    </>
  );
};

/**
 * A card for the entity overview: how many OpenStack resources of each kind
 * the entity has, its servers' statuses and the compute quota usage, with a
 * link to the OpenStack tab.
 *
 * @public
 */
export const OpenStackOverviewCard = () => {
  const { entity, value, error } = useEntityOpenStackResources();
  const tabLink = useTabLink();
  const body = () => {
    if (error) {
      return <RequestProblem error={error} entity={entity} compact />;
    }
    return value ? (
      <CardBody answer={value} project={projectOfSystem(entity)} />
    ) : (
      <Progress />
    );
  };
  return (
    <InfoCard
      title="OpenStack"
      subheader={
        value
          ? `${value.cloud} · ${value.regions.join(', ') || 'no region'}`
          : undefined
      }
      deepLink={
        tabLink
          ? { title: 'Show the OpenStack resources', link: tabLink }
          : undefined
      }
    >
      {body()}
    </InfoCard>
  );
};
