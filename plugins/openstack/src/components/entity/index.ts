export { OpenStackEntityContent } from './OpenStackEntityContent';
export { OpenStackOverviewCard } from './OpenStackOverviewCard';
export { isOpenStackAvailable } from './isOpenStackAvailable';
