/**
 * The OpenAPI document of Canopy's OpenStack backend plugin. The router is built
 * from it (requests are validated against it) and serves it at
 * `/api/openstack/openapi.json`.
 */
const sourceStatus = {
  type: 'object',
  required: ['cloud', 'region', 'service', 'status', 'kinds', 'durationMs'],
  properties: {
    cloud: { type: 'string' },
    region: { type: 'string' },
    service: {
      type: 'string',
      enum: [
        'identity',
        'compute',
        'network',
        'volumev3',
        'load-balancer',
        'image',
      ],
    },
    status: { type: 'string', enum: ['ok', 'error', 'timeout', 'unavailable'] },
    message: { type: 'string' },
    kinds: { type: 'array', items: { type: 'string' } },
    durationMs: { type: 'number' },
    cached: { type: 'boolean' },
  },
} as const;

const error = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const cloudRegionParams = [
  { name: 'cloud', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'region', in: 'path', required: true, schema: { type: 'string' } },
  {
    name: 'project',
    in: 'query',
    required: false,
    description:
      'Keystone project id or name; defaults to the project of the configured credential.',
    schema: { type: 'string' },
  },
] as const;

export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'openstack',
    version: '1',
    description:
      "Canopy's OpenStack backend plugin: the resources behind catalog entities and look-ups for template forms.",
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {},
  },
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness, and the names of the configured clouds.',
        security: [{}],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status', 'clouds'],
                  properties: {
                    status: { type: 'string', enum: ['ok'] },
                    clouds: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/clouds': {
      get: {
        operationId: 'ListClouds',
        description: 'Configured clouds with their regions. Never credentials.',
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'regions'],
                        properties: {
                          name: { type: 'string' },
                          regions: { type: 'array', items: { type: 'string' } },
                          horizonUrl: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          default: error,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/resources': {
      get: {
        operationId: 'ListEntityResources',
        description:
          "The OpenStack resources behind a catalog entity, selected by its openstack.canopy-idp.io annotations, and the project's quota usage. Each (cloud, region, service) source reports its own status; a failing source never fails the response.",
        parameters: [
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
          {
            name: 'namespace',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
          {
            name: 'name',
            in: 'path',
            required: true,
            schema: { type: 'string' },
          },
          {
            name: 'kinds',
            in: 'query',
            required: false,
            description: 'Comma-separated resource kinds; all when absent.',
            schema: { type: 'string' },
          },
          {
            name: 'quotas',
            in: 'query',
            required: false,
            description: 'Include quota usage (default true).',
            schema: { type: 'boolean' },
          },
        ],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: [
                    'entityRef',
                    'cloud',
                    'project',
                    'regions',
                    'tags',
                    'resources',
                    'quotas',
                    'truncated',
                    'sources',
                  ],
                  properties: {
                    entityRef: { type: 'string' },
                    cloud: { type: 'string' },
                    project: { type: 'string' },
                    regions: { type: 'array', items: { type: 'string' } },
                    tags: { type: 'array', items: { type: 'string' } },
                    resources: { type: 'object', additionalProperties: true },
                    quotas: {
                      type: 'array',
                      items: { type: 'object', additionalProperties: true },
                    },
                    truncated: { type: 'array', items: { type: 'string' } },
                    sources: { type: 'array', items: sourceStatus },
                    horizonUrl: { type: 'string' },
                  },
                },
              },
            },
          },
          default: error,
        },
      },
    },
    '/clouds/{cloud}/regions/{region}/lookups/{lookup}': {
      get: {
        operationId: 'Lookup',
        description:
          'Live look-ups for template forms: flavors, images, networks, external networks, availability zones, key pairs.',
        parameters: [
          ...cloudRegionParams,
          {
            name: 'lookup',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              enum: [
                'flavors',
                'images',
                'networks',
                'external-networks',
                'availability-zones',
                'key-pairs',
              ],
            },
          },
        ],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'truncated', 'sources'],
                  properties: {
                    items: {
                      type: 'array',
                      items: { type: 'object', additionalProperties: true },
                    },
                    truncated: { type: 'boolean' },
                    sources: { type: 'array', items: sourceStatus },
                  },
                },
              },
            },
          },
          default: error,
        },
      },
    },
    '/clouds/{cloud}/regions/{region}/quota-headroom': {
      get: {
        operationId: 'GetQuotaHeadroom',
        description:
          'What is left of each Nova, Neutron and Cinder quota of the project (null: unlimited).',
        parameters: [...cloudRegionParams],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['headroom', 'sources'],
                  properties: {
                    headroom: { type: 'object', additionalProperties: true },
                    sources: { type: 'array', items: sourceStatus },
                  },
                },
              },
            },
          },
          default: error,
        },
      },
    },
  },
} as const;
