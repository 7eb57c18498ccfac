import type { ReactNode } from 'react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import Box from '@material-ui/core/Box';
import FormLabel from '@material-ui/core/FormLabel';
import Alert from '@material-ui/lab/Alert';
import { fieldFrame } from './fieldFrame';

/**
 * The frame of a preview field (quota, cost): the field's own frame, its
 * title, and until a cloud and region are chosen, what it waits for.
 */
export const PreviewField = (props: {
  field: Parameters<typeof fieldFrame>[0] & { schema?: { title?: string } };
  /** The title when the schema gives none. */
  title: string;
  located: boolean;
  /** What the field will do once located, e.g. "see the cost". */
  then: string;
  children: ReactNode;
}) => (
  <ScaffolderField {...fieldFrame(props.field)}>
    <FormLabel component="legend">
      {props.field.schema?.title ?? props.title}
    </FormLabel>
    <Box display="flex" flexDirection="column" style={{ gap: 8 }} mt={1}>
      {!props.located && (
        <Alert severity="info">{`Choose a cloud and region first to ${props.then}`}</Alert>
      )}
      {props.children}
    </Box>
  </ScaffolderField>
);
