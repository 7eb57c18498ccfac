import { useEffect } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import type {
  OpenStackLookupItems,
  OpenStackLookupName,
} from '@canopy-idp/plugin-openstack-common';
import { errorMessage } from '@canopy-idp/frontend-common';
import { fieldFrame } from './fieldFrame';
import { describeLocation, useFormLocation } from './formValues';
import { failedSources, SourceWarnings } from './SourceWarnings';
import { useOpenStackLookup } from './useOpenStackLookup';

/**
 * `ui:options` of the pickers that list something in one cloud and region.
 *
 * @public
 */
export type OpenStackLookupPickerUiOptions = {
  /**
   * Name of the sibling field holding `{ cloud, region }` (an
   * `OpenStackCloudRegionPicker`); default `location`.
   */
  locationField?: string;
};

/** Props of every look-up picker: the field's own plus nothing. */
export type OpenStackLookupPickerProps = FieldExtensionComponentProps<
  string,
  OpenStackLookupPickerUiOptions
>;

/** What one look-up picker lists and how it labels it. */
export type LookupPickerOptions<TLookup extends OpenStackLookupName> = {
  /** Plural of what is listed, e.g. "flavors". */
  noun: string;
  /** Label when the schema has no title. */
  defaultTitle: string;
  /** Details shown after the name, e.g. "1 vCPU, 2 GiB RAM, 20 GiB disk". */
  describe?: (item: OpenStackLookupItems[TLookup]) => string | undefined;
  /** Whether an item may be chosen (e.g. an available zone); default all. */
  isSelectable?: (item: OpenStackLookupItems[TLookup]) => boolean;
  /** Said under the field, always: what the list is (e.g. whose key pairs). */
  note?: string;
};

type LookupPickerProps<TLookup extends OpenStackLookupName> =
  OpenStackLookupPickerProps &
    LookupPickerOptions<TLookup> & { lookup: TLookup };

/** The picker of one look-up: {@link LookupPicker} with its options fixed. */
export function lookupPicker<TLookup extends OpenStackLookupName>(
  lookup: TLookup,
  options: LookupPickerOptions<TLookup>,
): (props: OpenStackLookupPickerProps) => JSX.Element {
  return props => <LookupPicker {...props} {...options} lookup={lookup} />;
}

/**
 * A searchable select over one look-up of the OpenStack backend in the cloud
 * and region chosen in a sibling field. The value is the chosen item's name.
 */
export function LookupPicker<TLookup extends OpenStackLookupName>(
  props: LookupPickerProps<TLookup>,
) {
  type Item = OpenStackLookupItems[TLookup];
  const {
    lookup,
    noun,
    defaultTitle,
    describe,
    isSelectable = () => true,
    note,
    onChange,
    formData,
    formContext,
    uiSchema,
    required,
    rawErrors,
    idSchema,
  } = props;
  const title = props.schema?.title ?? defaultTitle;
  const frame = fieldFrame(props);
  const isDisabled = frame.disabled;
  const { location } = useFormLocation(
    formContext,
    uiSchema?.['ui:options']?.locationField,
  );
  const {
    value: answer,
    loading,
    error,
  } = useOpenStackLookup(location, lookup);
  const items: Item[] = answer?.items ?? [];
  const selected = items.find(item => item.name === formData) ?? null;
  const selectable = items.filter(isSelectable);
  const complete =
    answer !== undefined &&
    !answer.truncated &&
    failedSources(answer.sources).length === 0;
  const stale = Boolean(formData) && complete && !selected;
  const onlyChoice =
    !formData && required && items.length === 1 && selectable.length === 1
      ? selectable[0].name
      : undefined;

  useEffect(() => {
    // The value is not offered in this location (e.g. the region changed).
    if (stale) {
      onChange(undefined);
    } else if (onlyChoice) {
      onChange(onlyChoice);
    }
  }, [stale, onlyChoice, onChange]);

  const label = (item: Item) => {
    const details = describe?.(item);
    return details ? `${item.name} — ${details}` : item.name;
  };
  const where = location ? describeLocation(location) : '';
  const hasErrors = Boolean(rawErrors?.length);

  return (
    <ScaffolderField {...frame}>
      <Autocomplete<Item, false, false, false>
        id={idSchema?.$id}
        options={items}
        value={selected}
        loading={loading}
        disabled={isDisabled || !location}
        getOptionLabel={label}
        getOptionSelected={(option, value) => option.name === value.name}
        getOptionDisabled={item => !isSelectable(item)}
        onChange={(_event, item) => onChange(item ? item.name : undefined)}
        renderInput={params => (
          <TextField
            {...params}
            label={title}
            margin="dense"
            variant="outlined"
            required={required}
            error={hasErrors}
            helperText={
              location ? undefined : 'Choose a cloud and region first'
            }
          />
        )}
      />
      {note && (
        <Typography variant="caption" color="textSecondary" component="p">
          {note}
        </Typography>
      )}
      {loading && <LinearProgress aria-label={`Loading ${noun}`} />}
      {error && (
        <Alert severity="error">{`Could not load the ${noun} of ${where}: ${errorMessage(
          error,
        )}`}</Alert>
      )}
      {answer && !items.length && (
        <Alert severity="warning">{`No ${noun} in ${where}`}</Alert>
      )}
      {answer?.truncated && (
        <Alert severity="info">{`Only the first ${items.length} ${noun} are listed`}</Alert>
      )}
      <SourceWarnings sources={answer?.sources} what={noun} />
    </ScaffolderField>
  );
}
