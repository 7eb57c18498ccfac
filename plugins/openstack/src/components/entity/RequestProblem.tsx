import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../common/errors';
import { isForbidden } from './format';

/**
 * Why the resources could not be loaded: a refusal (the user may not read
 * them) or another error, shown in full or, in a card, in one line.
 */
export const RequestProblem = (props: {
  error: Error;
  entityRef: string;
  compact?: boolean;
}) => {
  const { error, entityRef, compact } = props;
  if (isForbidden(error)) {
    const title = `You may not see the OpenStack resources of ${entityRef}`;
    if (compact) {
      return <Typography variant="body2">{title}</Typography>;
    }
    return (
      <EmptyState
        missing="info"
        title={title}
        description="Reading them needs the openstack.resources.read permission; ask the entity's owners or your Backstage administrators."
      />
    );
  }
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
    />
  );
};
