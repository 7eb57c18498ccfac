import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { openstackResourcesReadPermission } from '@canopy-idp/plugin-openstack-common';
import { OwnerBasedPolicy } from './permissionPolicy';

const user = (userEntityRef: string, groups: string[]): PolicyQueryUser =>
  ({
    credentials: {} as any,
    info: {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups],
    },
  } as PolicyQueryUser);

const alice = user('user:default/alice', ['group:default/team-a']);
const admin = user('user:default/root', ['group:default/Platform']);
const policy = new OwnerBasedPolicy({
  platformAdmins: ['group:default/platform'],
});
const decide = (permission: Permission, who?: PolicyQueryUser) =>
  policy.handle({ permission }, who);

describe('OwnerBasedPolicy', () => {
  it.each([
    ['kubernetes.proxy', kubernetesProxyPermission],
    ['catalog.location.create', catalogLocationCreatePermission],
    ['catalog.location.delete', catalogLocationDeletePermission],
  ])(
    'denies %s to a team member and allows it to a platform admin',
    async (_, p) => {
      expect(await decide(p, alice)).toEqual({ result: AuthorizeResult.DENY });
      expect(await decide(p, admin)).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it('denies them when no platform admins are configured', async () => {
    const none = new OwnerBasedPolicy();
    expect(
      await none.handle({ permission: kubernetesProxyPermission }, admin),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it.each([
    ['scaffolder.task.read', taskReadPermission],
    ['scaffolder.task.cancel', taskCancelPermission],
  ])(
    "%s: only the task's creator (isTaskOwner), or a platform admin",
    async (_, p) => {
      expect(await decide(p, alice)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/alice'] },
        },
      });
      expect(await decide(p, admin)).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it("reads the provider's OpenStack entities only for their project's owners", async () => {
    expect(await decide(catalogEntityReadPermission, alice)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'HAS_ANNOTATION',
              resourceType: 'catalog-entity',
              params: { annotation: 'openstack.canopy-idp.io/owners' },
            },
          },
          {
            rule: 'IS_OPENSTACK_PROJECT_OWNER',
            resourceType: 'catalog-entity',
            params: {
              claims: ['user:default/alice', 'group:default/team-a'],
            },
          },
        ],
      },
    });
    expect(await decide(catalogEntityReadPermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('keeps the owner rules for delete and OpenStack resources', async () => {
    expect(await decide(catalogEntityDeletePermission, alice)).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER' },
    });
    expect(await decide(openstackResourcesReadPermission, alice)).toMatchObject(
      {
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'IS_OPENSTACK_PROJECT_OWNER' },
      },
    );
  });

  it("lets a team member run Canopy's actions and its skeleton fetch, and no other action", async () => {
    const decision = (await decide(actionExecutePermission, alice)) as any;
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    const allowed = JSON.stringify(decision.conditions);
    for (const id of [
      'canopy:publish:pull-request',
      'canopy:pipeline:terraform',
      'canopy:delivery:track',
      'debug:wait',
    ]) {
      expect(allowed).toContain(`"actionId":"${id}"`);
    }
    expect(allowed).toContain(
      '{"allOf":[{"rule":"HAS_ACTION_ID","resourceType":"scaffolder-action","params":{"actionId":"fetch:template"}},{"rule":"HAS_STRING_PROPERTY","resourceType":"scaffolder-action","params":{"key":"url","value":"./skeleton"}}]}',
    );
    // Any action by its id alone: Canopy's and debug:*, nothing built in.
    const byId = decision.conditions.anyOf
      .filter((c: any) => c.rule === 'HAS_ACTION_ID')
      .map((c: any) => c.params.actionId as string);
    expect(byId.every((a: string) => /^(canopy|debug|dry-run):/.test(a))).toBe(
      true,
    );
    expect(byId).toContain('dry-run:extract');
    expect(await decide(actionExecutePermission, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it.each([
    ['catalog.location.read', catalogLocationReadPermission],
    ['scaffolder.task.create', taskCreatePermission],
    ['scaffolder.template.dry-run', templateDryRunPermission],
  ])('allows %s to everyone signed in', async (_, p) => {
    expect(await decide(p, alice)).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('OwnerBasedPolicy with current memberships', () => {
  it('decides on the refs the resolver gives now, not those signed in with', async () => {
    const resolveClaims = jest.fn(async () => [
      'user:default/alice',
      'group:default/platform',
    ]);
    const live = new OwnerBasedPolicy({
      platformAdmins: ['group:default/platform'],
      resolveClaims,
    });
    expect(
      await live.handle({ permission: kubernetesProxyPermission }, alice),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(resolveClaims).toHaveBeenCalledWith('user:default/alice', [
      'user:default/alice',
      'group:default/team-a',
    ]);
  });
});
