import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubernetesApiRef } from '@backstage/plugin-kubernetes-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  KubernetesClusterNamespacePicker,
  type KubernetesClusterNamespacePickerProps,
} from './KubernetesClusterNamespacePicker';
import { validateKubernetesClusterNamespace } from './schema';
import {
  kubernetesBackend,
  type KubernetesBackend,
} from './__testUtils__/kubernetesBackend';

/** Holds the field's value as the scaffolder's form does. */
function renderPicker(
  backend: KubernetesBackend,
  props: {
    initial?: KubernetesClusterNamespacePickerProps['formData'];
    uiOptions?: { defaultNamespace?: string };
    onChange?: (value: unknown) => void;
  } = {},
) {
  const Harness = () => {
    const [value, setValue] = useState(props.initial);
    const fieldProps = {
      name: 'field',
      idSchema: { $id: 'root_field' },
      schema: {},
      uiSchema: { 'ui:options': props.uiOptions ?? {} },
      formData: value,
      formContext: {},
      required: false,
      rawErrors: [],
      disabled: false,
      readonly: false,
      onChange: (next: typeof value) => {
        props.onChange?.(next);
        setValue(next);
      },
    } as unknown as KubernetesClusterNamespacePickerProps;
    return <KubernetesClusterNamespacePicker {...fieldProps} />;
  };
  return renderInTestApp(
    <TestApiProvider apis={[[kubernetesApiRef, backend.client]]}>
      <Harness />
    </TestApiProvider>,
  );
}

const twoClusters = {
  items: [
    { name: 'dev', authProvider: 'serviceAccount' },
    { name: 'prod', title: 'Production', authProvider: 'oidc' },
  ],
};

describe('KubernetesClusterNamespacePicker', () => {
  it("lists the Kubernetes backend's clusters and takes cluster and namespace", async () => {
    const backend = kubernetesBackend(twoClusters);
    const onChange = jest.fn();
    await renderPicker(backend, {
      uiOptions: { defaultNamespace: 'team-a' },
      onChange,
    });
    const cluster = await screen.findByLabelText('Cluster');
    await waitFor(() =>
      expect(
        Array.from(cluster.querySelectorAll('option:not([disabled])')).map(
          o => o.textContent,
        ),
      ).toEqual(['dev', 'Production']),
    );
    expect(backend.calls).toEqual([
      'http://backstage.test/api/kubernetes/clusters',
    ]);
    // The default namespace is held from the start.
    expect(onChange).toHaveBeenCalledWith({ cluster: '', namespace: 'team-a' });

    await userEvent.selectOptions(cluster, 'prod');
    expect(onChange).toHaveBeenLastCalledWith({
      cluster: 'prod',
      namespace: 'team-a',
    });
    const namespace = screen.getByLabelText('Namespace');
    await userEvent.clear(namespace);
    await userEvent.type(namespace, 'shop');
    expect(onChange).toHaveBeenLastCalledWith({
      cluster: 'prod',
      namespace: 'shop',
    });
  });

  it('chooses the only cluster by itself', async () => {
    const backend = kubernetesBackend({
      items: [{ name: 'only', authProvider: 'serviceAccount' }],
    });
    const onChange = jest.fn();
    await renderPicker(backend, { onChange });
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({ cluster: 'only', namespace: '' }),
    );
    expect(screen.getByLabelText('Cluster')).toHaveValue('only');
  });

  it('names the DNS-1123 rule when the namespace breaks it', async () => {
    const backend = kubernetesBackend(twoClusters);
    await renderPicker(backend, {
      initial: { cluster: 'dev', namespace: 'Team_A' },
    });
    expect(
      await screen.findByText(
        `"Team_A" is not a valid namespace: it must be a DNS-1123 label (at most 63 characters: lowercase letters, digits and '-', starting and ending with a letter or digit)`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Namespace')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('shows progress while loading', async () => {
    const backend = kubernetesBackend('pending');
    await renderPicker(backend);
    expect(
      screen.getByRole('progressbar', { name: 'Loading clusters' }),
    ).toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    const backend = kubernetesBackend({ items: [] });
    await renderPicker(backend);
    expect(
      await screen.findByText(
        'No Kubernetes clusters are configured in Backstage',
      ),
    ).toBeInTheDocument();
  });

  it("says what the Kubernetes plugin's client reports", async () => {
    const backend = kubernetesBackend(
      {
        error: {
          name: 'NotFoundError',
          message: 'No cluster locator is configured',
        },
        request: { method: 'GET', url: '/api/kubernetes/clusters' },
        response: { statusCode: 404 },
      },
      404,
    );
    await renderPicker(backend);
    expect(
      await screen.findByText(
        'Could not load the Kubernetes clusters: Could not find the Kubernetes Backend (HTTP 404). Make sure the plugin has been fully installed.',
      ),
    ).toBeInTheDocument();
  });

  it('validates the cluster and the namespace', () => {
    const errorsOf = (value: any) => {
      const addError = jest.fn();
      validateKubernetesClusterNamespace(value, { addError } as any, {} as any);
      return addError.mock.calls.map(c => c[0]);
    };
    expect(errorsOf({ cluster: 'dev', namespace: 'team-a' })).toEqual([]);
    expect(errorsOf({ cluster: 'dev', namespace: 'a'.repeat(63) })).toEqual([]);
    expect(errorsOf({ cluster: '', namespace: 'team-a' })).toEqual([
      'Choose a cluster',
    ]);
    expect(errorsOf({ cluster: 'dev', namespace: '' })).toEqual([
      'Enter a namespace',
    ]);
    for (const bad of ['-a', 'a-', 'A', 'a.b', 'a_b', 'a'.repeat(64)]) {
      expect(errorsOf({ cluster: 'dev', namespace: bad })).toEqual([
        expect.stringContaining('must be a DNS-1123 label'),
      ]);
    }
  });
});
