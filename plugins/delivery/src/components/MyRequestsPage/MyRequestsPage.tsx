import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { DeliveryRequest } from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { deliveryApiRef } from '../../api';
import { DeliveryTimeline } from '../DeliveryTimeline';
import { errorMessage } from '@canopy-idp/frontend-common';
import { newestFirst } from '../common/format';
import { RequestFacts } from '../common/RequestFacts';
import { POLL_INTERVAL_MS, useNow, usePolling } from '../common/usePolling';

const useStyles = makeStyles(theme => ({
  request: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  // The request a notification linked to.
  linked: { borderColor: theme.palette.primary.main, borderWidth: 2 },
  stages: { marginTop: theme.spacing(1) },
}));

const RequestItem = (props: {
  request: DeliveryRequest;
  defaultExpanded: boolean;
  /** Whether the page was opened for this request (`?request=<id>`). */
  linked: boolean;
  now: number;
}) => {
  const { request, now, linked } = props;
  const classes = useStyles();
  const [expanded, setExpanded] = useState(props.defaultExpanded || linked);
  const headingId = useId();
  const stagesId = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (linked) {
      ref.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [linked]);
  return (
    <Paper
      ref={ref}
      component="article"
      variant="outlined"
      className={
        linked ? `${classes.request} ${classes.linked}` : classes.request
      }
      aria-labelledby={headingId}
      aria-current={linked ? 'true' : undefined}
    >
      <Typography variant="h6" component="h2" id={headingId}>
        {request.title}
      </Typography>
      <RequestFacts request={request} now={now} />
      <Button
        size="small"
        aria-expanded={expanded}
        aria-controls={stagesId}
        onClick={() => setExpanded(!expanded)}
      >
        {expanded ? 'Hide stages' : 'Show stages'}
      </Button>
      <Box id={stagesId} className={classes.stages} hidden={!expanded}>
        {expanded && <DeliveryTimeline request={request} now={now} />}
      </Box>
    </Paper>
  );
};

/**
 * Props of the My requests page content.
 *
 * @public
 */
export interface MyRequestsContentProps {
  /** How often to ask again while a request is open; 10 s by default. */
  pollIntervalMs?: number;
}

/**
 * The signed-in user's requests, newest first, each with its stages (shown
 * for the newest and the open ones). Asks again every 10 s while a request is
 * open. At `?request=<id>` (the link of the backend's notifications) that
 * request is shown expanded, marked and scrolled to. The content of the page; the app (or {@link MyRequestsPage}) gives it
 * the "My requests" header.
 */
export const MyRequestsContent = (props: MyRequestsContentProps) => {
  const api = useApi(deliveryApiRef);
  const now = useNow();
  const linkedId = new URLSearchParams(useLocation().search).get('request');
  const { value, error, loading } = usePolling({
    key: 'mine',
    load: () => api.listMyRequests().then(list => newestFirst(list.items)),
    intervalMs: props.pollIntervalMs ?? POLL_INTERVAL_MS,
    shouldPoll: requests => requests.some(r => r.state === 'open'),
  });

  return (
    <Content>
      <Box mb={2}>
        <Typography variant="body1">
          Each pull request a template opened for you, followed from review to
          running. Open requests refresh every 10 seconds.
        </Typography>
      </Box>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel
            error={error}
            title={`Could not load your requests: ${errorMessage(error)}`}
          />
        </Box>
      )}
      {loading && <Progress />}
      {value && value.length === 0 && (
        <EmptyState
          missing="data"
          title="No requests yet"
          description="Your requests appear here after a template opens a pull request for you. Run a template from Create; its pull request, and what it asked for, are then followed here until they run."
        />
      )}
      {value?.map((request, index) => (
        <RequestItem
          key={request.id}
          request={request}
          defaultExpanded={index === 0 || request.state === 'open'}
          linked={request.id === linkedId}
          now={now}
        />
      ))}
    </Content>
  );
};

/**
 * The My requests page with its own header, for apps on the legacy frontend
 * system (`DeliveryPage`).
 */
export const MyRequestsPage = (props: MyRequestsContentProps) => (
  <Page themeId="tool">
    <Header
      title="My requests"
      subtitle="Your pull requests from Create to running"
    />
    <MyRequestsContent {...props} />
  </Page>
);
