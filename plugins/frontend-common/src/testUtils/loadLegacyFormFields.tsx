import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
  type FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';

/**
 * Scaffolder form fields of the legacy frontend system as the legacy
 * scaffolder page reads them from its children: the options of each field
 * extension in `extensions` (the elements an app puts inside
 * `<ScaffolderFieldExtensions>`).
 *
 * @public
 */
export async function loadLegacyFormFields(
  extensions: JSX.Element,
): Promise<FieldExtensionOptions[]> {
  let fields: FieldExtensionOptions[] = [];
  const Probe = () => {
    fields = useCustomFieldExtensions(
      <ScaffolderFieldExtensions>{extensions}</ScaffolderFieldExtensions>,
    );
    return null;
  };
  await renderInTestApp(<Probe />);
  return fields;
}
