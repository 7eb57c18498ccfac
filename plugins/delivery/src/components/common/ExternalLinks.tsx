import { Link } from '@backstage/core-components';
import type { DeliveryLink } from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** Whether a URL can be followed as a link (http or https). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** One external link; a URL that is not http(s) is shown as text, not followed. */
export const ExternalLink = (props: DeliveryLink) =>
  isWebUrl(props.url) ? (
    <Link to={props.url} externalLinkIcon>
      {props.title}
    </Link>
  ) : (
    <Typography component="span" variant="body2">
      {`${props.title}: ${props.url}`}
    </Typography>
  );

/** A row of links (pull request, pipeline run, Argo CD app, Horizon, …). */
export const ExternalLinks = (props: { links: DeliveryLink[] }) =>
  props.links.length ? (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {props.links.map(link => (
        <ExternalLink key={`${link.title} ${link.url}`} {...link} />
      ))}
    </Box>
  ) : null;
