import type {
  DeliveryRequest,
  DeliveryStage,
  DeliveryStageState,
} from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import {
  describeUnknown,
  orderStages,
  stageDuration,
  stageTitle,
} from '../common/format';
import { ExternalLinks } from '../common/ExternalLinks';
import { StageStateLabel } from '../common/StateLabel';
import { useNow } from '../common/usePolling';

const useStyles = makeStyles(theme => ({
  timeline: { padding: 0, margin: 0 },
  // No opposite content: the stages take the whole width.
  item: { minHeight: 56 },
  noOpposite: { '&:before': { display: 'none' } },
  content: { paddingTop: 4, paddingBottom: theme.spacing(2) },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1.5),
  },
  failure: { fontWeight: theme.typography.fontWeightMedium as number },
  // The dot repeats the state's colour; the icon and the word say it.
  succeeded: { backgroundColor: theme.palette.success.main },
  failed: { backgroundColor: theme.palette.error.main },
  running: { backgroundColor: theme.palette.info.main },
  unknown: { backgroundColor: theme.palette.warning.main },
  pending: {},
}));

const StageMessage = (props: { stage: DeliveryStage }) => {
  const { stage } = props;
  const classes = useStyles();
  if (!stage.message || stage.state === 'unknown') {
    // An unknown stage's message is part of its state text.
    return null;
  }
  if (stage.state === 'failed') {
    return (
      <Typography
        role="alert"
        variant="body1"
        color="error"
        className={classes.failure}
      >
        {stage.message}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {stage.message}
    </Typography>
  );
};

const StageRow = (props: { stage: DeliveryStage; now: number }) => {
  const { stage, now } = props;
  const classes = useStyles();
  const duration = stageDuration(stage, now);
  return (
    <>
      <Box className={classes.heading}>
        <Typography variant="subtitle1" component="span">
          <strong>{stageTitle(stage.name)}</strong>
        </Typography>
        <StageStateLabel state={stage.state}>
          {stage.state === 'unknown' ? describeUnknown(stage, now) : undefined}
        </StageStateLabel>
        {duration && (
          <Typography variant="body2" color="textSecondary" component="span">
            {duration}
          </Typography>
        )}
      </Box>
      <StageMessage stage={stage} />
      <ExternalLinks links={stage.links} />
    </>
  );
};

const dotVariant = (state: DeliveryStageState) =>
  state === 'pending' ? 'outlined' : 'default';

/**
 * Props of {@link DeliveryTimeline}.
 *
 * @public
 */
export interface DeliveryTimelineProps {
  /** The request whose stages to show (its title names the list). */
  request: Pick<DeliveryRequest, 'title' | 'stages'>;
  /**
   * The time durations and "last checked" are measured to, in milliseconds
   * since the epoch; by default the current time, updated every 15 s.
   */
  now?: number;
}

/**
 * The stages of a request, in order, one row each: the stage's title, its
 * state as an icon and a word, how long it took (or, for the running stage,
 * "for 3 min"), its message (a failed stage's as an alert), and its links.
 *
 * @public
 */
export const DeliveryTimeline = (props: DeliveryTimelineProps) => {
  const { request } = props;
  const classes = useStyles();
  const ticking = useNow();
  const now = props.now ?? ticking;
  const stages = orderStages(request.stages);
  if (!stages.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No stages yet.
      </Typography>
    );
  }
  return (
    <Timeline
      className={classes.timeline}
      aria-label={`Stages of ${request.title}`}
    >
      {stages.map((stage, index) => (
        <TimelineItem
          key={stage.name}
          className={classes.item}
          classes={{ missingOppositeContent: classes.noOpposite }}
        >
          <TimelineSeparator>
            <TimelineDot
              variant={dotVariant(stage.state)}
              className={classes[stage.state]}
            />
            {index < stages.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent className={classes.content}>
            <StageRow stage={stage} now={now} />
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
};
