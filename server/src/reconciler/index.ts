export {
  createReconciler,
  type Reconciler,
  type ReconcilerOptions,
  type ReconcileResult,
} from './reconciler.js';
