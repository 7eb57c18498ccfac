import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  FormFieldBlueprint,
  type FormField,
} from '@backstage/plugin-scaffolder-react/alpha';

/**
 * A scaffolder form field of the new frontend system as the scaffolder loads
 * it: the options (name, component, validation, schema) its
 * `FormFieldBlueprint` loader gives.
 *
 * @public
 */
export async function loadFormField(
  extension: ExtensionDefinition<any>,
): Promise<FieldExtensionOptions<any, any>> {
  const loader = createExtensionTester(extension).get(
    FormFieldBlueprint.dataRefs.formFieldLoader,
  ) as () => Promise<FormField>;
  // The scaffolder reads the field's options from the loaded value.
  return (await loader()) as unknown as FieldExtensionOptions<any, any>;
}
