import type { Entity } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { errorMessage } from '@canopy-idp/frontend-common';
import { OPENSTACK_ANNOTATIONS } from '@canopy-idp/plugin-openstack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { openstackApiRef } from '../../api';
import { failedSources } from '../common/SourceWarnings';
import { FailedSources } from './FailedSources';
import { RunRate } from './RunRate';

/**
 * The cloud and project of a System standing for a whole OpenStack project
 * (as the catalog's OpenStack entity provider emits them): a System naming
 * both, without a tag selector or a single resource.
 */
export function projectOfSystem(
  entity: Entity,
): { cloud: string; project: string } | undefined {
  const a = entity.metadata.annotations ?? {};
  const cloud = a[OPENSTACK_ANNOTATIONS.cloud]?.trim();
  const project = a[OPENSTACK_ANNOTATIONS.project]?.trim();
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'system' ||
    !cloud ||
    !project ||
    a[OPENSTACK_ANNOTATIONS.tags] ||
    a[OPENSTACK_ANNOTATIONS.resource]
  ) {
    return undefined;
  }
  return { cloud, project };
}

/**
 * What the whole project of a project System costs now, in every region,
 * from the cloud's price source; asked only of the project's owners (others
 * see the backend's refusal, which names the rule).
 */
export const ProjectRunRate = (props: { cloud: string; project: string }) => {
  const { cloud, project } = props;
  const api = useApi(openstackApiRef);
  const { value, error } = useAsync(
    () => api.projectRunRate(cloud, { project }),
    [api, cloud, project],
  );
  let body;
  if (error) {
    body = (
      <Typography variant="body2" color="error">
        {`Could not read the project's run-rate: ${errorMessage(error)}`}
      </Typography>
    );
  } else if (!value) {
    body = <Progress />;
  } else if (!value.runRate) {
    body = (
      <Typography variant="body2">
        {`Cloud ${cloud} has no pricing configured (openstack.clouds[].pricing).`}
      </Typography>
    );
  } else {
    const partial = failedSources(value.sources).length > 0;
    body = (
      <>
        <RunRate runRate={value.runRate} />
        {partial && (
          <>
            <Typography variant="caption" color="error" component="div">
              Partial: leaves out what the sources that did not answer hold.
            </Typography>
            <FailedSources sources={value.sources} defaultExpanded={false} />
          </>
        )}
      </>
    );
  }
  return (
    <Box mt={1} aria-label="Project run-rate">
      <Typography variant="subtitle2">{`Run-rate of project ${project}, every region`}</Typography>
      {body}
    </Box>
  );
};
