import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  backendError,
  minutesAgo,
  paymentsRequest,
  renderWithFakeApi,
  SLOW,
  stage,
} from '../../__testUtils__/fixtures';
import { MyRequestsContent, MyRequestsPage } from './MyRequestsPage';

const older = paymentsRequest({
  id: 'req-0',
  title: 'Create billing',
  entityRef: 'component:default/billing',
  pullRequest: {
    url: 'https://gitlab.example.com/platform/billing/-/merge_requests/7',
    provider: 'gitlab',
    host: 'gitlab.example.com',
    owner: 'platform',
    repo: 'billing',
    number: 7,
  },
  state: 'ready',
  currentStage: undefined,
  stages: [stage('pull-request', 'succeeded'), stage('argocd', 'succeeded')],
  createdAt: minutesAgo(3 * 24 * 60),
});

/** The article of a request, found by its title. */
const requestArticle = (title: string) =>
  screen.getByRole('article', { name: title });

describe('MyRequestsPage', () => {
  afterEach(() => jest.useRealTimers());

  it(
    "lists the user's requests newest first, with entity, state, stage, pull request and age",
    async () => {
      // The backend's order is not trusted: newest first by createdAt.
      const calls = await renderWithFakeApi(<MyRequestsPage />, {
        mine: [[older, paymentsRequest()]],
      });

      expect(
        await screen.findByRole('heading', { name: 'Create payments' }),
      ).toBeVisible();
      expect(
        screen.getByRole('heading', { level: 1, name: 'My requests' }),
      ).toBeVisible();
      expect(
        screen
          .getAllByRole('heading', { level: 2 })
          .map(h => h.textContent)
          .filter(t => t?.startsWith('Create ')),
      ).toEqual(['Create payments', 'Create billing']);

      const newest = requestArticle('Create payments');
      const facts = within(newest)
        .getAllByRole('term')
        .map(term => `${term.textContent}: ${term.nextSibling?.textContent}`);
      expect(facts).toEqual([
        'Entity: payments',
        'State: open',
        'Stage: Argo CD',
        'Pull request: canopy/payments#42, Opens in a new window',
        'Created: 20 min ago',
        'Estimated cost: 9.79 EUR a month',
      ]);
      expect(
        within(newest).getByRole('link', { name: /payments$/ }),
      ).toHaveAttribute('href', '/catalog/default/component/payments');
      expect(
        within(newest).getByRole('link', { name: /canopy\/payments#42/ }),
      ).toHaveAttribute('href', 'https://github.com/canopy/payments/pull/42');
      // The newest (and every open) request shows its stages.
      expect(
        within(newest).getByRole('list', { name: 'Stages of Create payments' }),
      ).toBeVisible();
      expect(within(newest).getByText('for 3 min')).toBeVisible();

      const done = requestArticle('Create billing');
      expect(within(done).getByText('ready')).toBeVisible();
      expect(within(done).queryByText('Stage')).not.toBeInTheDocument();
      expect(within(done).getByText('3 d ago')).toBeVisible();
      expect(
        within(done).queryByRole('list', { name: 'Stages of Create billing' }),
      ).not.toBeInTheDocument();
      await userEvent.click(
        within(done).getByRole('button', { name: 'Show stages' }),
      );
      expect(
        within(done).getByRole('list', { name: 'Stages of Create billing' }),
      ).toBeVisible();
      expect(
        within(done).getByRole('button', { name: 'Hide stages' }),
      ).toHaveAttribute('aria-expanded', 'true');

      expect(calls).toEqual(['mine']);
    },
    SLOW,
  );

  it(
    'opens, marks and scrolls to the request a notification links to',
    async () => {
      // jsdom has no scrollIntoView: record what would be scrolled to.
      const scrolled: string[] = [];
      const original = Element.prototype.scrollIntoView;
      Element.prototype.scrollIntoView = function scroll(this: Element) {
        scrolled.push(this.getAttribute('aria-labelledby') ?? '');
      };
      await renderWithFakeApi(
        <MyRequestsContent />,
        { mine: [[paymentsRequest(), older]] },
        { routeEntries: ['/delivery?request=req-0'] },
      );
      const linked = await screen.findByRole('article', {
        name: 'Create billing',
      });
      expect(linked).toHaveAttribute('aria-current', 'true');
      expect(
        within(linked).getByRole('list', { name: 'Stages of Create billing' }),
      ).toBeVisible();
      expect(requestArticle('Create payments')).not.toHaveAttribute(
        'aria-current',
      );
      expect(scrolled).toEqual([linked.getAttribute('aria-labelledby')]);
      Element.prototype.scrollIntoView = original;
    },
    SLOW,
  );

  it(
    'says where requests come from when there are none',
    async () => {
      await renderWithFakeApi(<MyRequestsContent />, { mine: [[]] });
      expect(await screen.findByText('No requests yet')).toBeVisible();
      expect(
        screen.getByText(
          /Your requests appear here after a template opens a pull request for you/,
        ),
      ).toBeVisible();
    },
    SLOW,
  );

  it(
    "shows the backend's message when the requests cannot be loaded",
    async () => {
      await renderWithFakeApi(<MyRequestsContent />, {
        mine: [await backendError(503, 'The delivery store is not reachable')],
      });
      expect(
        await screen.findByText(
          // The error panel puts "Error: " in front.
          'Error: Could not load your requests: The delivery store is not reachable (HTTP 503)',
        ),
      ).toBeVisible();
    },
    SLOW,
  );

  it(
    'asks again while a request is open, so stages advance without a reload',
    async () => {
      // A fake clock from the start, so that no poll can hide on a real one;
      // Testing Library's waits advance it.
      jest.useFakeTimers();
      const advanced = paymentsRequest({
        state: 'ready',
        currentStage: undefined,
        stages: [
          stage('pull-request', 'succeeded'),
          stage('argocd', 'succeeded'),
          stage('kro', 'succeeded'),
          stage('openstack', 'succeeded'),
        ],
      });
      const calls = await renderWithFakeApi(
        <MyRequestsContent pollIntervalMs={50} />,
        { mine: [[paymentsRequest()], [advanced]] },
      );

      const article = await screen.findByRole('article', {
        name: 'Create payments',
      });
      await waitFor(() =>
        expect(within(article).getByText('ready')).toBeVisible(),
      );
      expect(within(article).queryByText('running')).not.toBeInTheDocument();
      expect(within(article).getAllByText('succeeded')).toHaveLength(4);

      // Nothing open any more: no further requests, however long one waits
      // (six poll intervals on a fake clock).
      const seen = calls.length;
      await act(() => jest.advanceTimersByTimeAsync(300));
      expect(calls).toHaveLength(seen);
    },
    SLOW,
  );
});
