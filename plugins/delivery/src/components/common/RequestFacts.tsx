import type { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { DeliveryRequest } from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ExternalLink } from './ExternalLinks';
import {
  formatRelativeTime,
  formatTimestamp,
  pullRequestLabel,
  stageTitle,
} from './format';
import { RequestStateLabel } from './StateLabel';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 4),
    margin: theme.spacing(1, 0),
  },
  term: { margin: 0 },
  definition: { margin: 0 },
}));

const Fact = (props: { term: string; children: ReactNode }) => {
  const classes = useStyles();
  return (
    <div>
      <Typography
        component="dt"
        variant="caption"
        color="textSecondary"
        className={classes.term}
      >
        {props.term}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.definition}>
        {props.children}
      </Typography>
    </div>
  );
};

/** When a request was made: "5 min ago", with the exact time as a tooltip. */
export const CreatedAt = (props: { createdAt: string; now: number }) => (
  <time dateTime={props.createdAt} title={formatTimestamp(props.createdAt)}>
    {formatRelativeTime(props.createdAt, props.now)}
  </time>
);

/** What the request was priced at before Create, when it was priced. */
const EstimatedCost = (props: { request: DeliveryRequest }) => {
  const cost = props.request.expected.openstack?.estimatedCost;
  if (!cost || cost.source.kind === 'none') return null;
  const monthly = new Intl.NumberFormat('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cost.monthly);
  return (
    <Fact term="Estimated cost">
      <span title={`${cost.source.detail}, read ${cost.source.at}`}>
        {`${monthly} ${cost.currency} a month`}
      </span>
    </Fact>
  );
};

/**
 * A request in brief, as a description list: the target entity, the overall
 * state, the stage it is in, its pull request, when it was made and what it
 * was priced at.
 */
export const RequestFacts = (props: {
  request: DeliveryRequest;
  now: number;
  /** Leave out the target entity (on the entity's own page). */
  withoutEntity?: boolean;
}) => {
  const { request, now, withoutEntity } = props;
  const classes = useStyles();
  return (
    <Box component="dl" className={classes.facts}>
      {!withoutEntity && (
        <Fact term="Entity">
          <EntityRefLink entityRef={request.entityRef} />
        </Fact>
      )}
      <Fact term="State">
        <RequestStateLabel state={request.state} />
      </Fact>
      {request.currentStage && request.state !== 'ready' && (
        <Fact term="Stage">{stageTitle(request.currentStage)}</Fact>
      )}
      <Fact term="Pull request">
        <ExternalLink
          title={pullRequestLabel(request.pullRequest)}
          url={request.pullRequest.url}
        />
      </Fact>
      <Fact term="Created">
        <CreatedAt createdAt={request.createdAt} now={now} />
      </Fact>
      <EstimatedCost request={request} />
    </Box>
  );
};
