export {
  createNotificationHandler,
  type NotificationHandlerDeps,
  type NotificationSettings,
} from './notification-handler.js';
export { judgeNotification, type Judgement } from './judge-notification.js';
