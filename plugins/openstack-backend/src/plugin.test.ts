import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { openstackPlugin } from './plugin';

describe('openstackPlugin', () => {
  it('answers /health without credentials, revealing nothing of the configuration', async () => {
    const { server } = await startTestBackend({
      features: [
        openstackPlugin,
        mockServices.rootConfig.factory({
          data: {
            openstack: {
              clouds: [
                {
                  name: 'lab',
                  authUrl: 'http://127.0.0.1:5000/v3',
                  applicationCredential: { id: 'abc', secret: 's3cr3t-value' },
                  projects: [
                    { name: 'demo', owners: ['group:default/team-a'] },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });

    const res = await request(server).get('/api/openstack/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers with no cloud configured', async () => {
    const { server } = await startTestBackend({ features: [openstackPlugin] });
    const res = await request(server).get('/api/openstack/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
