/** What a field's frame (`ScaffolderField`) shows of the field's own props. */
export type FieldFrame = {
  rawErrors?: string[];
  rawDescription?: string;
  required?: boolean;
  disabled: boolean;
  errors?: JSX.Element;
};

/**
 * The props of a field's `ScaffolderField` from the field's own: its errors,
 * its description (`ui:description` before the schema's), whether it is
 * required, and disabled (`disabled`, `readonly` or `ui:disabled`).
 */
export function fieldFrame(
  props: Omit<FieldFrame, 'rawDescription' | 'disabled'> & {
    disabled?: boolean;
    readonly?: boolean;
    schema?: { description?: string };
    uiSchema?: { 'ui:description'?: string; 'ui:disabled'?: boolean };
  },
): FieldFrame {
  const { uiSchema, schema } = props;
  return {
    rawErrors: props.rawErrors,
    rawDescription: uiSchema?.['ui:description'] ?? schema?.description,
    required: props.required,
    disabled: Boolean(
      props.disabled || props.readonly || uiSchema?.['ui:disabled'],
    ),
    errors: props.errors,
  };
}
