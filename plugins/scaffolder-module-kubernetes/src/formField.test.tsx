import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  loadFormField,
  loadLegacyFormFields,
} from '@canopy-idp/frontend-common/testUtils';
import { kubernetesClusterNamespacePickerFormField } from './extension';
import { KubernetesClusterNamespacePickerFieldExtension } from './index';
import { kubernetesBackend } from './__testUtils__/kubernetesBackend';

/** The field of the new frontend system, as the scaffolder loads it. */
const loadFormFieldOfPicker = () =>
  loadFormField(
    kubernetesClusterNamespacePickerFormField as ExtensionDefinition<any>,
  );

describe('registration', () => {
  it('gives the new frontend system the field under its fixed name, with validation', async () => {
    const field = await loadFormFieldOfPicker();
    expect(field.name).toBe('KubernetesClusterNamespacePicker');
    expect(field.validation).toBeDefined();
    expect(field.schema).toBeDefined();
  });

  it('gives legacy apps the same field through <ScaffolderFieldExtensions>', async () => {
    const fields = await loadLegacyFormFields(
      <KubernetesClusterNamespacePickerFieldExtension />,
    );
    expect(fields.map(f => f.name)).toEqual([
      'KubernetesClusterNamespacePicker',
    ]);
    expect(fields[0].validation).toBeDefined();
  });
});

describe('KubernetesClusterNamespacePicker in the scaffolder form', () => {
  beforeEach(() => {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  // Shaped like templates/platform-bootstrap.
  const manifest = {
    title: 'Bootstrap',
    steps: [
      {
        title: 'Target',
        schema: {
          type: 'object',
          required: ['target'],
          properties: {
            target: {
              title: 'Cluster and namespace',
              type: 'object',
              'ui:field': 'KubernetesClusterNamespacePicker',
              'ui:options': { defaultNamespace: 'argocd' },
              required: ['cluster', 'namespace'],
              properties: {
                cluster: { type: 'string' },
                namespace: { type: 'string' },
              },
            },
          },
        },
      },
    ],
  };

  async function renderStepper() {
    const backend = kubernetesBackend({
      items: [{ name: 'only', authProvider: 'serviceAccount' }],
    });
    const onCreate = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[kubernetesApiRef, backend.client]]}>
        <Stepper
          manifest={manifest}
          extensions={[await loadFormFieldOfPicker()]}
          onCreate={onCreate}
        />
      </TestApiProvider>,
    );
    await waitFor(() =>
      expect(screen.getByLabelText(/^Cluster/)).toHaveValue('only'),
    );
    return onCreate;
  }

  it('takes the only cluster and the default namespace', async () => {
    const onCreate = await renderStepper();
    expect(screen.getByLabelText(/^Namespace/)).toHaveValue('argocd');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    expect(onCreate).toHaveBeenCalledWith({
      target: { cluster: 'only', namespace: 'argocd' },
    });
  }, 180_000);

  it('cannot go on with a namespace that is not a DNS-1123 label', async () => {
    await renderStepper();
    const namespace = screen.getByLabelText(/^Namespace/);
    await userEvent.clear(namespace);
    await userEvent.type(namespace, 'Argo_CD');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await waitFor(() =>
      expect(
        screen.getAllByText(/"Argo_CD" is not a valid namespace/).length,
      ).toBeGreaterThan(1),
    );
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  }, 180_000);
});
