export { notificationRoutes, type NotificationRouteDeps } from './notification-routes.js';
export { receive, type Received, type ReceivedRequest } from './receive.js';
