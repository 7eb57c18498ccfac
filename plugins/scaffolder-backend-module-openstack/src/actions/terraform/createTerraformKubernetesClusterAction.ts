import { clusterInput, renderCluster } from '../../lib/terraform/cluster';
import { createTerraformAction } from './createTerraformAction';
import { examples } from './createTerraformKubernetesClusterAction.examples';

/**
 * `canopy:terraform:kubernetes-cluster`: a Kubernetes cluster on OpenStack VMs
 * (control plane + N workers, kubeadm through cloud-init, Calico, Cinder CSI)
 * with its network, router, security group and API floating IP.
 *
 * @public
 */
export function createTerraformKubernetesClusterAction() {
  return createTerraformAction({
    id: 'canopy:terraform:kubernetes-cluster',
    description:
      'Renders Terraform for a kubeadm Kubernetes cluster on OpenStack VMs (control plane, workers, Calico, Cinder CSI) with its network, tagged for the catalog entity.',
    schema: clusterInput,
    render: renderCluster,
    examples,
  });
}
