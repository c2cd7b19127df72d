// Ask the browser not to evict this phone's data (Safari wipes after 7 days unvisited unless
// persisted; Chrome may evict under storage pressure). The answer is stored and shown.
import { type MetaStore, metaStore } from "../db/meta-store.ts";

export type PersistenceAnswer = boolean | "unsupported";

export async function requestPersistence(store: MetaStore = metaStore): Promise<PersistenceAnswer> {
  if (!navigator.storage?.persist) return "unsupported";
  let granted = false;
  try {
    granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    granted = false;
  }
  await store.set("storagePersisted", granted);
  return granted;
}

export interface StorageUse {
  usageBytes: number;
  quotaBytes: number;
}

export async function estimateStorage(): Promise<StorageUse | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  try {
    const estimate = await navigator.storage.estimate();
    return { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
  } catch {
    return undefined;
  }
}
