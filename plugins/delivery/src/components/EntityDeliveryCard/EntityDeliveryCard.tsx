import { errorMessage } from '@canopy-idp/frontend-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { DeliveryRequest } from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { deliveryApiRef } from '../../api';
import { DeliveryTimeline } from '../DeliveryTimeline';
import { ExternalLink } from '../common/ExternalLinks';
import { expectedItems, newestFirst, pullRequestLabel } from '../common/format';
import { CreatedAt, RequestFacts } from '../common/RequestFacts';
import { RequestStateLabel } from '../common/StateLabel';
import { POLL_INTERVAL_MS, useNow, usePolling } from '../common/usePolling';

/** What the pull request asked for, from the request's `expected`. */
const AskedFor = (props: { request: DeliveryRequest }) => {
  const items = expectedItems(props.request.expected);
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        What the pull request asked for
      </Typography>
      {items.length ? (
        <ul aria-label="What the pull request asked for">
          {items.map(item => (
            <li key={`${item.what} ${item.detail}`}>
              <Typography variant="body2" component="span">
                <strong>{item.what}</strong> {item.detail}
              </Typography>
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2">
          Nothing beyond the pull request itself.
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        The live objects are on the Kubernetes and OpenStack tabs of this
        entity.
      </Typography>
    </Box>
  );
};

const EarlierRequests = (props: {
  requests: DeliveryRequest[];
  now: number;
}) => (
  <Box mt={2}>
    <Typography variant="subtitle2" component="h3">
      Earlier requests
    </Typography>
    <ul aria-label="Earlier requests">
      {props.requests.map(request => (
        <li key={request.id}>
          <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
            <Typography variant="body2" component="span">
              {request.title}
            </Typography>
            <RequestStateLabel state={request.state} />
            <ExternalLink
              title={pullRequestLabel(request.pullRequest)}
              url={request.pullRequest.url}
            />
            <Typography variant="body2" component="span" color="textSecondary">
              <CreatedAt createdAt={request.createdAt} now={props.now} />
            </Typography>
          </Box>
        </li>
      ))}
    </ul>
  </Box>
);

const NewestRequest = (props: { request: DeliveryRequest; now: number }) => {
  const { request, now } = props;
  return (
    <>
      <Typography variant="h6" component="h3">
        {request.title}
      </Typography>
      <RequestFacts request={request} now={now} withoutEntity />
      <DeliveryTimeline request={request} now={now} />
      <AskedFor request={request} />
    </>
  );
};

/**
 * Props of the Delivery card.
 *
 * @public
 */
export interface EntityDeliveryCardProps {
  /** How often to ask again while a request is open; 10 s by default. */
  pollIntervalMs?: number;
}

/**
 * A card for the entity overview: the requests that create or change the
 * entity, the newest one's stages and what its pull request asked for.
 * Asks again every 10 s while a request is open.
 */
export const EntityDeliveryCard = (props: EntityDeliveryCardProps) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deliveryApiRef);
  const now = useNow();
  const { value, error, loading } = usePolling({
    key: entityRef,
    load: () =>
      api.listEntityRequests(entityRef).then(list => newestFirst(list.items)),
    intervalMs: props.pollIntervalMs ?? POLL_INTERVAL_MS,
    shouldPoll: requests => requests.some(r => r.state === 'open'),
  });
  const [newest, ...earlier] = value ?? [];

  return (
    <InfoCard
      title="Delivery"
      subheader="Requests that create or change this entity"
    >
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {`Could not load the requests: ${errorMessage(error)}`}
        </Typography>
      )}
      {loading && <Progress />}
      {value && !newest && (
        <Typography variant="body2">
          No requests for this entity yet. A request shows here once a template
          opens a pull request that creates or changes it.
        </Typography>
      )}
      {newest && <NewestRequest request={newest} now={now} />}
      {earlier.length > 0 && <EarlierRequests requests={earlier} now={now} />}
    </InfoCard>
  );
};
