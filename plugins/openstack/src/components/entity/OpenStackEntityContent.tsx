import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import {
  OPENSTACK_ANNOTATIONS,
  type OpenStackEntityResources,
} from '@canopy-idp/plugin-openstack-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { FailedSources } from './FailedSources';
import { countResources, KIND_TITLES } from './format';
import { failedSources } from '../common/SourceWarnings';
import { QuotaUsage } from './QuotaUsage';
import { RequestProblem } from './RequestProblem';
import { ResourceSections } from './ResourceSections';
import { ProjectRunRate, projectOfSystem } from './ProjectRunRate';
import { SelectorSummary } from './SelectorSummary';
import { useEntityOpenStackResources } from './useEntityOpenStackResources';

/** "Looked in cloud lab, project demo, region RegionOne, for resources tagged …" */
function describeSelector(answer: OpenStackEntityResources) {
  const where = [
    `cloud ${answer.cloud}`,
    `project ${answer.project || '(default)'}`,
    answer.regions.length === 1
      ? `region ${answer.regions[0]}`
      : `regions ${answer.regions.join(', ') || '(none)'}`,
  ];
  return `Looked in ${where.join(
    ', ',
  )}, for resources tagged ${answer.tags.join(
    ' and ',
  )} (volumes: as metadata). Change the selector with the ${
    OPENSTACK_ANNOTATIONS.tags
  } annotation.`;
}

const NothingTagged = (props: { answer: OpenStackEntityResources }) => (
  <EmptyState
    missing="data"
    title="No OpenStack resources are tagged for this entity"
    description={describeSelector(props.answer)}
  />
);

const TruncatedNote = (props: { answer: OpenStackEntityResources }) => {
  if (!props.answer.truncated.length) {
    return null;
  }
  const kinds = props.answer.truncated.map(k =>
    KIND_TITLES[k].toLocaleLowerCase('en-US'),
  );
  return (
    <Alert severity="info">
      {`Only the first ones are listed of: ${kinds.join(
        ', ',
      )}. The lists stopped at the backend limit (openstack.maxItemsPerKind).`}
    </Alert>
  );
};

const Quotas = (props: { answer: OpenStackEntityResources }) => {
  if (!props.answer.quotas.length) {
    return null;
  }
  return (
    <InfoCard
      title="Quota usage"
      subheader="Used and reserved, of the project's limits"
    >
      {props.answer.quotas.map(usage => (
        <Box key={usage.region} mb={2}>
          <Typography variant="subtitle2">{usage.region}</Typography>
          <QuotaUsage usage={usage} />
        </Box>
      ))}
    </InfoCard>
  );
};

const Answer = (props: {
  answer: OpenStackEntityResources;
  onReload: () => void;
  reloading: boolean;
  /** Set for a project System: its whole project's run-rate is shown. */
  project?: { cloud: string; project: string };
}) => {
  const { answer, project } = props;
  const { total } = countResources(answer.resources);
  const failed = failedSources(answer.sources).length > 0;
  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <SelectorSummary
          answer={answer}
          onReload={props.onReload}
          reloading={props.reloading}
        />
      </Grid>
      {project && (
        <Grid item>
          <InfoCard title="Project cost">
            <ProjectRunRate {...project} />
          </InfoCard>
        </Grid>
      )}
      {failed && (
        <Grid item>
          <FailedSources sources={answer.sources} />
        </Grid>
      )}
      {answer.truncated.length > 0 && (
        <Grid item>
          <TruncatedNote answer={answer} />
        </Grid>
      )}
      {total === 0 && !failed && (
        <Grid item>
          <NothingTagged answer={answer} />
        </Grid>
      )}
      {total === 0 && failed && (
        <Grid item>
          <Typography variant="body2">
            The sources that answered list no resources for this entity.
          </Typography>
        </Grid>
      )}
      {total > 0 && (
        <Grid item>
          <ResourceSections answer={answer} />
        </Grid>
      )}
      <Grid item>
        <Quotas answer={answer} />
      </Grid>
    </Grid>
  );
};

/**
 * The OpenStack tab of an entity: the resources carrying the entity's tags,
 * per kind, the project's quota usage and the sources that failed.
 *
 * @public
 */
export const OpenStackEntityContent = () => {
  const { entity, value, loading, error, retry } =
    useEntityOpenStackResources();
  if (error) {
    return <RequestProblem error={error} entity={entity} />;
  }
  if (!value) {
    return loading ? <Progress /> : null;
  }
  return (
    <Answer
      answer={value}
      onReload={retry}
      reloading={loading}
      project={projectOfSystem(entity)}
    />
  );
};
