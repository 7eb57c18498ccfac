import { ChangeEvent, ReactNode } from 'react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import Box from '@material-ui/core/Box';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import type { FieldFrame } from './fieldFrame';

/**
 * A field whose value has parts side by side (cloud, region and project),
 * under one legend, with the states below them.
 */
export function PartsField(props: {
  title?: string;
  frame: FieldFrame;
  parts: ReactNode[];
  children?: ReactNode;
}) {
  return (
    <ScaffolderField {...props.frame}>
      {props.title && <FormLabel component="legend">{props.title}</FormLabel>}
      <Box display="flex" style={{ gap: 16 }}>
        {props.parts.map((part, index) => (
          <Box key={index} flex={1}>
            {part}
          </Box>
        ))}
      </Box>
      {props.children}
    </ScaffolderField>
  );
}

/** A native select with a disabled placeholder as its first option. */
export function NativeSelect(props: {
  id: string;
  label: string;
  placeholder: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error: boolean;
  disabled: boolean;
}) {
  return (
    <TextField
      id={props.id}
      select
      fullWidth
      label={props.label}
      margin="dense"
      variant="outlined"
      required={props.required}
      error={props.error}
      disabled={props.disabled}
      value={props.value}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        props.onChange(String(event.target.value))
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="" disabled>
        {props.placeholder}
      </option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
