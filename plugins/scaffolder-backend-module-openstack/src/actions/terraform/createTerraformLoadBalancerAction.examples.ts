import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '@canopy-idp/plugin-scaffolder-node';

export const examples: TemplateExample[] = actionExamples(
  {
    id: 'lb',
    action: 'canopy:terraform:loadbalancer',
    name: 'Render the load balancer',
  },
  [
    {
      description: 'An HTTP load balancer in front of two web servers',
      input: {
        name: 'payments-lb',
        entityRef: 'component:default/payments',
        cloud: 'prod',
        subnet: 'payments-subnet',
        listener: { protocol: 'HTTP', port: 80 },
        pool: { method: 'LEAST_CONNECTIONS' },
        members: [
          { name: 'web-1', address: '10.20.0.11', port: 8080 },
          { name: 'web-2', address: '10.20.0.12', port: 8080 },
        ],
        healthMonitor: {
          type: 'HTTP',
          delay: 10,
          timeout: 5,
          maxRetries: 3,
          urlPath: '/healthz',
          expectedCodes: '200',
        },
        floatingIpPool: 'public',
      },
    },
  ],
);
