export {
  MyRequestsContent,
  MyRequestsPage,
  type MyRequestsContentProps,
} from './MyRequestsPage';
