import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { DeliveryStage } from '@canopy-idp/plugin-delivery-common';
import { SLOW, stage } from '../../__testUtils__/fixtures';
import { DeliveryTimeline } from './DeliveryTimeline';

const NOW = Date.parse('2025-05-01T12:00:00Z');
const minutesAgo = (minutes: number) =>
  new Date(NOW - minutes * 60_000).toISOString();

const renderTimeline = (stages: DeliveryStage[]) =>
  renderInTestApp(
    <DeliveryTimeline
      request={{ title: 'Create payments', stages }}
      now={NOW}
    />,
  );

/** The text of each row of the timeline. */
const rows = () =>
  within(screen.getByRole('list', { name: 'Stages of Create payments' }))
    .getAllByRole('listitem')
    .map(row => row.textContent);

describe('DeliveryTimeline', () => {
  it(
    'shows one row per stage, in order, with its title, state and time taken',
    async () => {
      await renderTimeline([
        stage('openstack', 'pending'),
        stage('argocd', 'running', { startedAt: minutesAgo(3) }),
        stage('pull-request', 'succeeded', {
          startedAt: minutesAgo(20),
          finishedAt: minutesAgo(16),
        }),
        stage('kro', 'pending'),
        stage('pipeline', 'succeeded', {
          startedAt: minutesAgo(16),
          finishedAt: minutesAgo(15),
        }),
      ]);
      expect(rows()).toEqual([
        'Pull requestsucceededtook 4 min',
        'Apply pipelinesucceededtook 1 min',
        'Argo CDrunningfor 3 min',
        'KROpending',
        'OpenStackpending',
      ]);
    },
    SLOW,
  );

  it(
    'shows each state with an icon next to its word',
    async () => {
      await renderTimeline([
        stage('pull-request', 'succeeded'),
        stage('pipeline', 'failed'),
        stage('argocd', 'running'),
        stage('kro', 'unknown'),
        stage('openstack', 'pending'),
      ]);
      const [succeeded, failed, running, unknown, pending] = screen
        .getAllByRole('listitem')
        .map(row => row);
      expect(within(succeeded).getByTestId('status-ok')).toBeInTheDocument();
      expect(within(succeeded).getByText('succeeded')).toBeVisible();
      expect(within(failed).getByTestId('status-error')).toBeInTheDocument();
      expect(within(failed).getByText('failed')).toBeVisible();
      expect(within(running).getByText('running')).toBeVisible();
      expect(within(unknown).getByTestId('status-warning')).toBeInTheDocument();
      expect(within(unknown).getByText('unknown')).toBeVisible();
      expect(within(pending).getByText('pending')).toBeVisible();
    },
    SLOW,
  );

  it(
    "links to each stage's pull request, pipeline run, application or console",
    async () => {
      await renderTimeline([
        stage('pull-request', 'succeeded', {
          links: [
            {
              title: 'Pull request #42',
              url: 'https://github.com/canopy/payments/pull/42',
            },
          ],
        }),
        stage('pipeline', 'succeeded', {
          links: [
            {
              title: 'Pipeline run 7',
              url: 'https://github.com/canopy/payments/actions/runs/7',
            },
          ],
        }),
        stage('argocd', 'succeeded', {
          links: [
            {
              title: 'Argo CD application payments',
              url: 'https://argocd.example.com/applications/argocd/payments',
            },
          ],
        }),
        stage('openstack', 'running', {
          links: [
            {
              title: 'Horizon',
              url: 'https://horizon.example.com/project/instances/',
            },
            // Not followed: only http(s) links are.
            { title: 'Console', url: 'ssh://bastion.example.com' },
          ],
        }),
      ]);
      expect(
        screen
          .getAllByRole('link')
          .map(link => [link.textContent, link.getAttribute('href')]),
      ).toEqual([
        [
          'Pull request #42, Opens in a new window',
          'https://github.com/canopy/payments/pull/42',
        ],
        [
          'Pipeline run 7, Opens in a new window',
          'https://github.com/canopy/payments/actions/runs/7',
        ],
        [
          'Argo CD application payments, Opens in a new window',
          'https://argocd.example.com/applications/argocd/payments',
        ],
        [
          'Horizon, Opens in a new window',
          'https://horizon.example.com/project/instances/',
        ],
      ]);
      expect(
        screen.getByText('Console: ssh://bastion.example.com'),
      ).toBeVisible();
    },
    SLOW,
  );

  it(
    "makes a failed stage's message an alert, and shows other messages plainly",
    async () => {
      await renderTimeline([
        stage('pull-request', 'succeeded', { message: 'Merged by alice' }),
        stage('pipeline', 'failed', {
          startedAt: minutesAgo(5),
          finishedAt: minutesAgo(2),
          message: 'terraform apply: quota exceeded for instances',
        }),
      ]);
      expect(screen.getByRole('alert')).toHaveTextContent(
        'terraform apply: quota exceeded for instances',
      );
      expect(screen.getByText('Merged by alice')).toBeVisible();
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(rows()[1]).toBe(
        'Apply pipelinefailedtook 3 minterraform apply: quota exceeded for instances',
      );
    },
    SLOW,
  );

  it(
    'says when an unknown stage was last checked and why it is unknown',
    async () => {
      await renderTimeline([
        stage('argocd', 'unknown', {
          startedAt: minutesAgo(10),
          checkedAt: minutesAgo(2),
          message: 'Argo CD did not answer in 10 s',
        }),
      ]);
      expect(
        screen.getByText(
          'unknown, last checked 2 min ago: Argo CD did not answer in 10 s',
        ),
      ).toBeVisible();
      // Not an alert: an unknown stage does not fail the request.
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(rows()).toEqual([
        'Argo CDunknown, last checked 2 min ago: Argo CD did not answer in 10 s',
      ]);
    },
    SLOW,
  );

  it(
    'says so when a request has no stages yet',
    async () => {
      await renderTimeline([]);
      expect(screen.getByText('No stages yet.')).toBeVisible();
    },
    SLOW,
  );
});
