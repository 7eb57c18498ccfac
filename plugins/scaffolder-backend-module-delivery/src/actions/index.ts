export { createTrackRequestAction } from './delivery/createTrackRequestAction';
