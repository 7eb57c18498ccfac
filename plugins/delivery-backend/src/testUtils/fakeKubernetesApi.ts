import express from 'express';
import type { ExpectedKroInstance } from '@canopy-idp/plugin-delivery-common';
import { LoopbackServer } from '@canopy-idp/plugin-delivery-common/testUtils';

/**
 * Stands in for a Kubernetes API server on 127.0.0.1 (no kube-apiserver can
 * run here), for the calls Canopy makes: the CRD list
 * (`/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, read by the
 * kubernetes backend with limit/continue paging), and one custom object
 * (`/apis/<group>/<version>/namespaces/<namespace>/<plural>/<name>`: the
 * delivery plugin reading a KRO instance; the custom objects a test puts with
 * {@link FakeKubernetesApi.putObject}). Bearer-token authentication; errors
 * are v1 Status objects, as the real API server answers.
 *
 * @public
 */
export class FakeKubernetesApi extends LoopbackServer {
  private readonly objects = new Map<string, object>();

  constructor(private readonly crds: object[], private readonly token: string) {
    super();
  }

  private static key(
    apiVersion: string,
    namespace: string,
    plural: string,
    name: string,
  ) {
    return `${apiVersion}|${namespace}|${plural}|${name}`;
  }

  /**
   * The `kubernetes` configuration of a Backstage backend that reaches this
   * server as cluster `name`: a `config` cluster locator with the server's
   * service-account token.
   */
  kubernetesConfig(name = 'lab') {
    return {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name,
              url: this.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: this.token,
              skipTLSVerify: true,
            },
          ],
        },
      ],
    };
  }

  /**
   * Creates or replaces a namespaced custom object (its apiVersion, kind and
   * metadata.namespace/name locate it; `plural` as its CRD names it).
   */
  putObject(
    plural: string,
    object: {
      apiVersion: string;
      kind: string;
      metadata: { name: string; namespace: string };
      [key: string]: unknown;
    },
  ) {
    this.objects.set(
      FakeKubernetesApi.key(
        object.apiVersion,
        object.metadata.namespace,
        plural,
        object.metadata.name,
      ),
      {
        ...object,
        metadata: { uid: object.metadata.name, ...object.metadata },
      },
    );
  }

  /**
   * Puts a KRO instance a delivery request expects (at the plural its
   * expectation names, or the kind's lower-case plural), with `status` (see
   * {@link kroStatus}).
   */
  putKroInstance(instance: ExpectedKroInstance, status: object) {
    this.putObject(
      instance.plural ?? `${instance.kind.toLocaleLowerCase('en-US')}s`,
      {
        apiVersion: instance.apiVersion,
        kind: instance.kind,
        metadata: { name: instance.name, namespace: instance.namespace },
        status,
      },
    );
  }

  async start() {
    const app = express();
    const status = (
      res: express.Response,
      code: number,
      reason: string,
      message: string,
    ) =>
      res.status(code).json({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason,
        code,
      });
    app.use((req, res, next) => {
      this.requests.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        status(res, 401, 'Unauthorized', 'Unauthorized');
        return;
      }
      next();
    });
    app.get(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      (req, res) => {
        const limit = Number(req.query.limit ?? 0) || this.crds.length;
        const start = Number(req.query.continue ?? 0);
        const page = this.crds.slice(start, start + limit);
        const next =
          start + limit < this.crds.length ? String(start + limit) : undefined;
        res.json({
          kind: 'CustomResourceDefinitionList',
          apiVersion: 'apiextensions.k8s.io/v1',
          metadata: {
            resourceVersion: '4242',
            ...(next ? { continue: next } : {}),
          },
          items: page,
        });
      },
    );
    app.get(
      '/apis/:group/:version/namespaces/:namespace/:plural/:name',
      (req, res) => {
        const { group, version, namespace, plural, name } = req.params;
        const found = this.objects.get(
          FakeKubernetesApi.key(`${group}/${version}`, namespace, plural, name),
        );
        if (!found) {
          status(
            res,
            404,
            'NotFound',
            `${plural}.${group} "${name}" not found`,
          );
          return;
        }
        res.json(found);
      },
    );
    app.use((req, res) =>
      status(
        res,
        404,
        'NotFound',
        `the server could not find the requested resource (get ${req.path})`,
      ),
    );
    await this.listen(app);
  }
}
