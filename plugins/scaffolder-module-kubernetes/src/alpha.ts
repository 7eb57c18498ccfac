import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { kubernetesClusterNamespacePickerFormField } from './extension';

/**
 * A module of the scaffolder plugin (new frontend system) that adds the
 * `KubernetesClusterNamespacePicker` form field.
 *
 * @alpha
 */
const scaffolderModuleKubernetes = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [kubernetesClusterNamespacePickerFormField],
});

export default scaffolderModuleKubernetes;
