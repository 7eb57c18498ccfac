import {
  loadBalancerInput,
  renderLoadBalancer,
} from '../../lib/terraform/loadbalancer';
import { createTerraformAction } from './createTerraformAction';
import { examples } from './createTerraformLoadBalancerAction.examples';

/**
 * `canopy:terraform:loadbalancer`: an Octavia load balancer with listener, pool,
 * members, health monitor and an optional floating IP.
 *
 * @public
 */
export function createTerraformLoadBalancerAction() {
  return createTerraformAction({
    id: 'canopy:terraform:loadbalancer',
    description:
      'Renders Terraform for an OpenStack Octavia load balancer (listener, pool, members, health monitor, floating IP), tagged for the catalog entity.',
    schema: loadBalancerInput,
    render: renderLoadBalancer,
    examples,
  });
}
