/**
 * Test utilities: loopback GitHub and GitLab servers that speak the REST
 * shapes Canopy's actions and the delivery plugin read (repositories backed
 * by a bare Git repository, pull and merge requests, check runs, workflow
 * runs, pipelines), and the clients `canopy:publish:pull-request` opens
 * requests with, for tests that open one as the action does.
 *
 * @packageDocumentation
 */

export { BareRepo, type TreeEntry } from './bareRepo';
export { LoopbackGitHost } from './loopbackGitHost';
export { FakeGithub } from './fakeGithub';
export type {
  FakeCheckRun,
  FakePull,
  FakeWorkflowRun,
} from './fakeGithubPulls';
export { FakeGitlab } from './fakeGitlab';
export type { FakeMergeRequest, FakePipeline } from './fakeGitlabMergeRequests';
export { startFakeGitHost } from './fakeGitHost';
export { aPullRequestRequest } from './pullRequestRequest';
export { GithubPullRequests } from '../lib/git/github';
export { GitlabMergeRequests, type GitlabClient } from '../lib/git/gitlab';
export type {
  PullRequestProvider,
  PullRequestRequest,
  PullRequestResult,
} from '../lib/git/types';
