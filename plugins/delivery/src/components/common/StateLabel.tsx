import type { ReactNode } from 'react';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  DeliveryRequestState,
  DeliveryStageState,
} from '@canopy-idp/plugin-delivery-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

// Backstage's status icons, without their text: they are aria-hidden, the
// state is said by the text next to them.
const STAGE_ICONS: Record<DeliveryStageState, () => JSX.Element> = {
  pending: () => <StatusPending />,
  running: () => <StatusRunning />,
  succeeded: () => <StatusOK />,
  failed: () => <StatusError />,
  unknown: () => <StatusWarning />,
};

const REQUEST_ICONS: Record<DeliveryRequestState, () => JSX.Element> = {
  open: () => <StatusRunning />,
  ready: () => <StatusOK />,
  failed: () => <StatusError />,
};

const Label = (props: { icon?: () => JSX.Element; children: ReactNode }) => {
  const Icon = props.icon ?? (() => <StatusWarning />);
  return (
    <Box component="span" display="inline-flex" alignItems="baseline">
      <Icon />
      <Typography component="span" variant="body2">
        {props.children}
      </Typography>
    </Box>
  );
};

/** A stage's state as an icon and its word (or a longer text, for `unknown`). */
export const StageStateLabel = (props: {
  state: DeliveryStageState;
  children?: ReactNode;
}) => (
  <Label icon={STAGE_ICONS[props.state]}>{props.children ?? props.state}</Label>
);

/** A request's overall state (open, ready, failed) as an icon and its word. */
export const RequestStateLabel = (props: { state: DeliveryRequestState }) => (
  <Label icon={REQUEST_ICONS[props.state]}>{props.state}</Label>
);
