import type { DeliveryStage } from '@canopy-idp/plugin-delivery-common';
import {
  describeUnknown,
  expectedItems,
  formatDuration,
  formatRelativeTime,
  formatTimestamp,
  newestFirst,
  openstackEntityTag,
  orderStages,
  pullRequestLabel,
  stageDuration,
  stageTitle,
} from './format';
import { paymentsPullRequest } from '../../__testUtils__/fixtures';

const NOW = Date.parse('2025-05-01T12:00:00Z');
const before = (ms: number) => new Date(NOW - ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('stage titles and order', () => {
  it('names each stage readably, and an unknown one by its name', () => {
    expect(
      ['pull-request', 'pipeline', 'argocd', 'kro', 'openstack', 'later'].map(
        stageTitle,
      ),
    ).toEqual([
      'Pull request',
      'Apply pipeline',
      'Argo CD',
      'KRO',
      'OpenStack',
      'later',
    ]);
  });

  it('orders stages as a request goes through them, unknown ones last', () => {
    const stages = [
      { name: 'openstack' },
      { name: 'later' },
      { name: 'pull-request' },
      { name: 'kro' },
      { name: 'argocd' },
      { name: 'pipeline' },
    ] as Pick<DeliveryStage, 'name'>[];
    expect(orderStages(stages).map(s => s.name)).toEqual([
      'pull-request',
      'pipeline',
      'argocd',
      'kro',
      'openstack',
      'later',
    ]);
    // The input is left as it was.
    expect(stages[0].name).toBe('openstack');
  });

  it('puts the newest request first', () => {
    expect(
      newestFirst([
        { id: 'a', createdAt: '2025-05-01T10:00:00Z' },
        { id: 'c', createdAt: '2025-05-01T12:00:00Z' },
        { id: 'b', createdAt: '2025-05-01T11:00:00Z' },
      ]).map(r => r.id),
    ).toEqual(['c', 'b', 'a']);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [-5 * SECOND, '0 s'],
    [45 * SECOND, '45 s'],
    [MINUTE, '1 min'],
    [3 * MINUTE + 59 * SECOND, '3 min'],
    [HOUR, '1 h'],
    [HOUR + 5 * MINUTE, '1 h 5 min'],
    [DAY, '1 d'],
    [2 * DAY + 3 * HOUR + 10 * MINUTE, '2 d 3 h'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('stageDuration', () => {
  it.each([
    ['succeeded', 10 * MINUTE, 6 * MINUTE, 'took 4 min'],
    ['failed', 2 * MINUTE, 90 * SECOND, 'took 30 s'],
  ] as const)(
    'says how long a %s stage took',
    (state, startedBefore, finishedBefore, text) => {
      expect(
        stageDuration(
          {
            state,
            startedAt: before(startedBefore),
            finishedAt: before(finishedBefore),
          },
          NOW,
        ),
      ).toBe(text);
    },
  );

  it('says how long the running stage has been running', () => {
    expect(
      stageDuration({ state: 'running', startedAt: before(3 * MINUTE) }, NOW),
    ).toBe('for 3 min');
  });

  it('says nothing without the times to tell', () => {
    expect(stageDuration({ state: 'pending' }, NOW)).toBeUndefined();
    expect(stageDuration({ state: 'running' }, NOW)).toBeUndefined();
    expect(
      stageDuration({ state: 'unknown', startedAt: before(MINUTE) }, NOW),
    ).toBeUndefined();
    expect(
      stageDuration({ state: 'running', startedAt: 'not a time' }, NOW),
    ).toBeUndefined();
  });
});

describe('formatRelativeTime and formatTimestamp', () => {
  it.each([
    [10 * SECOND, 'just now'],
    [-10 * SECOND, 'just now'],
    [2 * MINUTE, '2 min ago'],
    [3 * HOUR, '3 h ago'],
    [2 * DAY, '2 d ago'],
    [30 * DAY, 'on 2025-04-01'],
  ])('%d ms before now is %s', (ms, text) => {
    expect(formatRelativeTime(before(ms), NOW)).toBe(text);
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatRelativeTime('yesterday', NOW)).toBe('yesterday');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it('writes a timestamp in UTC to the minute', () => {
    expect(formatTimestamp('2024-05-01T10:20:30Z')).toBe(
      '2024-05-01 10:20 UTC',
    );
  });
});

describe('describeUnknown', () => {
  it('says when the stage was last checked and what was seen', () => {
    expect(
      describeUnknown(
        { checkedAt: before(2 * MINUTE), message: 'Argo CD did not answer' },
        NOW,
      ),
    ).toBe('unknown, last checked 2 min ago: Argo CD did not answer');
  });

  it('leaves out what it does not know', () => {
    expect(describeUnknown({ message: 'no answer' }, NOW)).toBe(
      'unknown: no answer',
    );
    expect(describeUnknown({ checkedAt: before(5 * SECOND) }, NOW)).toBe(
      'unknown, last checked just now',
    );
    expect(describeUnknown({}, NOW)).toBe('unknown');
  });
});

describe('what the pull request asked for', () => {
  it('lists the pipeline, Argo CD applications, KRO instances and OpenStack resources', () => {
    expect(
      expectedItems({
        pipeline: true,
        argoCdApplications: [
          { name: 'payments' },
          { name: 'payments-db', instance: 'east' },
        ],
        kroInstances: [
          {
            apiVersion: 'kro.run/v1alpha1',
            kind: 'WebApp',
            namespace: 'payments',
            name: 'payments-web',
          },
          {
            cluster: 'lab',
            apiVersion: 'kro.run/v1alpha1',
            kind: 'Database',
            namespace: 'payments',
            name: 'payments-db',
          },
        ],
        openstack: {
          cloud: 'lab',
          project: 'payments',
          region: 'RegionOne',
          entityRef: 'Component:default/Payments',
        },
      }).map(i => `${i.what}: ${i.detail}`),
    ).toEqual([
      'Apply pipeline: runs on the merge commit',
      'Argo CD application: payments',
      'Argo CD application: payments-db (instance east)',
      'KRO instance: WebApp payments/payments-web',
      'KRO instance: Database payments/payments-db (cluster lab)',
      'OpenStack resources: in project payments, region RegionOne, cloud lab, tagged canopy.entity=component.default.payments',
    ]);
  });

  it('is empty when the pull request asks for nothing else', () => {
    expect(expectedItems({})).toEqual([]);
    expect(expectedItems({ pipeline: false, argoCdApplications: [] })).toEqual(
      [],
    );
  });

  it('makes the OpenStack tag as the openstack plugin does', () => {
    expect(openstackEntityTag('resource:Team-A/Web')).toBe(
      'canopy.entity=resource.team-a.web',
    );
    // Not a full entity ref: as it is.
    expect(openstackEntityTag('payments')).toBe('canopy.entity=payments');
  });
});

describe('labels', () => {
  it('names a pull request owner/repo#number', () => {
    expect(pullRequestLabel(paymentsPullRequest)).toBe('canopy/payments#42');
  });
});
