import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { OPENSTACK_ANNOTATIONS } from '@canopy-idp/plugin-openstack-common';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { openstackApiRef } from '../../api';
import { errorMessage } from '@canopy-idp/frontend-common';
import { notConfiguredMessage } from '../common/NotConfigured';
import { isForbidden, isNotFound } from './format';

type ProblemProps = {
  error: Error;
  /** One line, for a card, instead of a whole panel. */
  compact?: boolean;
};

/** A problem the user can act on: its title, or an empty state saying more. */
const InfoProblem = (props: {
  title: string;
  description: string;
  compact?: boolean;
}) => {
  const { title, description, compact } = props;
  return compact ? (
    <Typography variant="body2">{title}</Typography>
  ) : (
    <EmptyState missing="info" title={title} description={description} />
  );
};

const GenericProblem = (props: ProblemProps) => {
  const { error, compact } = props;
  if (compact) {
    return (
      <Typography variant="body2" color="error">
        {`Could not load the OpenStack resources: ${errorMessage(error)}`}
      </Typography>
    );
  }
  return (
    <ResponseErrorPanel
      error={error}
      title="Could not load the OpenStack resources"
      defaultExpanded
    />
  );
};

/**
 * A 404 for an entity whose annotated cloud the backend does not know: says
 * so and where clouds are configured, instead of a bare error. Other 404s
 * (say, an entity the catalog no longer has) are shown as errors.
 */
const CloudProblem = (props: ProblemProps & { cloud: string }) => {
  const { error, cloud, compact } = props;
  const api = useApi(openstackApiRef);
  const clouds = useAsync(() => api.listClouds(), [api]);
  if (clouds.loading) {
    return null;
  }
  const configured = clouds.value?.items.map(c => c.name);
  if (configured && !configured.includes(cloud)) {
    return (
      <InfoProblem
        {...notConfiguredMessage(cloud, configured)}
        compact={compact}
      />
    );
  }
  return <GenericProblem error={error} compact={compact} />;
};

/**
 * Why the resources could not be loaded: a refusal (the entity's project is
 * not the user's or the entity's to read, with the backend's reason), a cloud
 * this portal does not have, or another error, shown in full or, in a card,
 * in one line.
 */
export const RequestProblem = (
  props: ProblemProps & {
    /** The entity whose resources were asked for. */
    entity: Entity;
  },
) => {
  const { error, entity, compact } = props;
  const entityRef = stringifyEntityRef(entity);
  const cloud = entity.metadata.annotations?.[OPENSTACK_ANNOTATIONS.cloud];
  if (isForbidden(error)) {
    // The backend's message names the entity, the project and the rule
    // (tenancy, or the permission policy): it is what the user can act on.
    return (
      <InfoProblem
        title={`You may not see the OpenStack resources of ${entityRef}`}
        description={`${errorMessage(
          error,
        )}. Ask the owners of the entity's OpenStack project, or your platform team, for access.`}
        compact={compact}
      />
    );
  }
  if (cloud && isNotFound(error)) {
    return <CloudProblem error={error} cloud={cloud} compact={compact} />;
  }
  return <GenericProblem error={error} compact={compact} />;
};
