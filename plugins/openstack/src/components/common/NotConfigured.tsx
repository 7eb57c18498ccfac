import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';

/** Where an administrator configures clouds, in words for the page. */
export const CONFIGURE_CLOUDS_HINT =
  "An administrator adds OpenStack clouds to this portal under openstack.clouds in the backend's app-config.yaml (see the README of @canopy-idp/plugin-openstack-backend).";

/** "No OpenStack cloud is configured …" or "Cloud lab is not configured …", and where to configure one. */
export function notConfiguredMessage(
  cloud: string | undefined,
  configured: string[],
) {
  const title = cloud
    ? `The OpenStack cloud '${cloud}' is not configured in this portal`
    : 'No OpenStack cloud is configured in this portal';
  const known = configured.length
    ? ` Configured clouds: ${configured.join(', ')}.`
    : '';
  return { title, description: `${CONFIGURE_CLOUDS_HINT}${known}` };
}

/** A warning that no cloud (or not the named one) is configured, for form fields. */
export const NotConfiguredAlert = (props: {
  cloud?: string;
  configured?: string[];
}) => {
  const { title, description } = notConfiguredMessage(
    props.cloud,
    props.configured ?? [],
  );
  return (
    <Alert severity="warning">
      <Typography variant="body2" component="span">
        <strong>{title}.</strong> {description}
      </Typography>
    </Alert>
  );
};

/**
 * For the location field when the backend offers no cloud: either none is
 * configured or none has a project the user's teams own.
 */
export const NoProjectsAlert = () => (
  <Alert severity="warning">
    <Typography variant="body2" component="span">
      <strong>
        No OpenStack project in this portal is owned by you or your groups.
      </strong>{' '}
      Canopy offers only the projects mapped to their owners under
      openstack.clouds[].projects in the backend's app-config.yaml; ask the
      platform team to add your team as an owner of its project (see the README
      of @canopy-idp/plugin-openstack-backend).
    </Typography>
  </Alert>
);
