export { MyRequestsContent, MyRequestsPage } from './MyRequestsPage';
