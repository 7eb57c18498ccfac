export { createPullRequestAction } from './publish/createPullRequestAction';
