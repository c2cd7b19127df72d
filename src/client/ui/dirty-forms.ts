// Forms say while they hold unsaved input, so an app update (which reloads the page) is
// never offered in the middle of someone's typing (ARCHITECTURE: updates by consent only).
import { useEffect, useId, useSyncExternalStore } from "react";

const dirty = new Set<string>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function markDirty(formId: string, isDirty: boolean): void {
  const had = dirty.has(formId);
  if (isDirty === had) return;
  if (isDirty) dirty.add(formId);
  else dirty.delete(formId);
  notify();
}

export function hasDirtyForms(): boolean {
  return dirty.size > 0;
}

export function subscribeDirtyForms(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Marks the calling form dirty while `isDirty` is true, and clean when it unmounts. */
export function useDirtyForm(isDirty: boolean): void {
  const id = useId();
  useEffect(() => {
    markDirty(id, isDirty);
  }, [id, isDirty]);
  useEffect(() => () => markDirty(id, false), [id]);
}

export function useHasDirtyForms(): boolean {
  return useSyncExternalStore(subscribeDirtyForms, hasDirtyForms, hasDirtyForms);
}
