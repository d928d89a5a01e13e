import { sheetCount } from '../../core/sheet/spriteLayout';
import { useStore } from '../../store';
import { useJobPlan } from './useJobPlan';

/**
 * The form's one primary button, named for what it makes: "Create 3 snapshots", "Create 2 sprite sheets"; "Create
 * snapshots" while the number is not known (no video yet, a problem in the form, or Shots mode before the cuts).
 */
export function CreateButton() {
  const ready = useStore((s) => s.source?.status === 'ready');
  const plan = useJobPlan();
  return (
    <button type="submit" className="button button--primary create" disabled={!ready}>
      {createLabel(plan)}
    </button>
  );
}

/** The button's words for a plan (see {@link CreateButton}). */
export function createLabel(plan: ReturnType<typeof useJobPlan>): string {
  const n = plan?.spec ? plan.plannedTimesMs.length : 0;
  if (!plan?.spec || n === 0) return 'Create snapshots';
  if (plan.spec.mode === 'sprite') {
    const sheets = sheetCount(plan.spec.sprite, n);
    return `Create ${sheets} sprite sheet${sheets === 1 ? '' : 's'}`;
  }
  return `Create ${n} snapshot${n === 1 ? '' : 's'}`;
}
