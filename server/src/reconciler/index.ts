export {
  createReconciler,
  type ReconcileResult,
  type Reconciler,
  type ReconcilerOptions,
} from './reconciler.js';
export { reconcileBill, type BillVerdict } from './reconcile-bill.js';
