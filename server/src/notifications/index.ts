export { createNotificationHandler, type NotificationHandlerDeps } from './notification-handler.js';
export { judgeNotification, type Judgement } from './judge-notification.js';
