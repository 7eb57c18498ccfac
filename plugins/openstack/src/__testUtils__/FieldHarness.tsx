import { ComponentType, useState, useSyncExternalStore } from 'react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { openstackApiRef } from '../api';
import { type FakeAnswers, fakeOpenStackApi } from './fakeOpenStackApi';

type FormData = Record<string, unknown>;

/** The other fields of a form, changeable while the field is shown. */
export class FormStore {
  private data: FormData;
  private readonly listeners = new Set<() => void>();

  constructor(data: FormData = {}) {
    this.data = data;
  }

  get = () => this.data;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Changes some fields, as the user would in the form. */
  update(changes: FormData) {
    this.data = { ...this.data, ...changes };
    this.listeners.forEach(l => l());
  }
}

export type HarnessProps = {
  component: ComponentType<any>;
  /** The field's value at first. */
  initial?: unknown;
  /** The other fields of the form, as formContext.formData carries them. */
  form?: FormData | FormStore;
  uiOptions?: Record<string, unknown>;
  schema?: Record<string, unknown>;
  required?: boolean;
  rawErrors?: string[];
  onChange?: (value: unknown) => void;
};

/**
 * Renders a field the way the scaffolder's form does: it holds the value, and
 * the whole form's data (with this field as `field`) is in formContext.
 */
const FieldHarness = (props: HarnessProps) => {
  const { component: Field, uiOptions = {}, schema = {} } = props;
  const [store] = useState(() =>
    props.form instanceof FormStore ? props.form : new FormStore(props.form),
  );
  const form = useSyncExternalStore(store.subscribe, store.get);
  const [value, setValue] = useState<unknown>(props.initial);
  return (
    <Field
      name="field"
      idSchema={{ $id: 'root_field' }}
      schema={schema}
      uiSchema={{ 'ui:options': uiOptions }}
      formData={value}
      formContext={{ formData: { ...form, field: value } }}
      required={props.required ?? false}
      rawErrors={props.rawErrors ?? []}
      disabled={false}
      readonly={false}
      onChange={(next: unknown) => {
        props.onChange?.(next);
        setValue(next);
      }}
    />
  );
};

/**
 * Renders a field in a test app over a fake OpenStackApi with the given
 * answers; resolves to the API's calls and the field's `onChange` mock.
 */
export async function renderField(
  answers: FakeAnswers,
  props: Omit<HarnessProps, 'onChange'>,
) {
  const { api, calls } = fakeOpenStackApi(answers);
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[openstackApiRef, api]]}>
      <FieldHarness {...props} onChange={onChange} />
    </TestApiProvider>,
  );
  return { calls, onChange };
}

/** The messages a field's validator adds for a value, in order. */
export function validationErrors(
  validator: CustomFieldValidator<any, any>,
  value: unknown,
): string[] {
  const addError = jest.fn();
  validator(value, { addError } as any, {} as any);
  return addError.mock.calls.map(c => c[0]);
}
