import { InfoCard, Link } from '@backstage/core-components';
import type { OpenStackEntityResources } from '@canopy-idp/plugin-openstack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { horizonLink } from './format';
import { RunRate } from './RunRate';

const Item = (props: { label: string; children: ReactNode }) => (
  <Box mr={4} mb={1}>
    <Typography variant="overline" color="textSecondary" component="div">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.children}
    </Typography>
  </Box>
);

/** Where the resources were looked for: cloud, project, regions and tags. */
export const SelectorSummary = (props: {
  answer: OpenStackEntityResources;
  onReload?: () => void;
  reloading?: boolean;
}) => {
  const { answer, onReload, reloading } = props;
  const horizon = horizonLink(answer.horizonUrl, '/project/');
  return (
    <InfoCard
      title="OpenStack"
      subheader="Resources carrying every tag of the selector"
      action={
        onReload && (
          <Button size="small" onClick={onReload} disabled={reloading}>
            Reload
          </Button>
        )
      }
    >
      <Box display="flex" flexWrap="wrap" alignItems="flex-start">
        <Item label="Cloud">{answer.cloud}</Item>
        <Item label="Project">{answer.project || '—'}</Item>
        <Item label={answer.regions.length === 1 ? 'Region' : 'Regions'}>
          {answer.regions.join(', ') || '—'}
        </Item>
        <Item label="Tags">
          {answer.tags.map(tag => (
            <Chip key={tag} label={tag} size="small" />
          ))}
        </Item>
        {answer.runRate && (
          <Item label="Run-rate">
            <RunRate runRate={answer.runRate} />
          </Item>
        )}
        {horizon && (
          <Item label="Horizon">
            <Link to={horizon}>Open the project in Horizon</Link>
          </Item>
        )}
      </Box>
    </InfoCard>
  );
};
