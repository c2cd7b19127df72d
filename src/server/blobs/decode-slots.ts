// At most MAX_CONCURRENT_DECODES photos are decoded at once in this process (issue #16 §7): each
// decode of a large photo holds tens of MiB, so four at once starved the server and delayed
// health checks. An upload past that is answered 503 at once with Retry-After (the phone's photo
// lane tries again, src/client/sync/photo-lane.ts) instead of waiting in a queue that grows.
import { MAX_CONCURRENT_DECODES } from "../../protocol/limits.ts";

export class DecodeSlots {
  private busy = 0;
  constructor(private readonly size: number) {}

  /** A release function when a slot is free now; undefined when all are taken. */
  tryTake(): (() => void) | undefined {
    if (this.busy >= this.size) return undefined;
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
    };
  }
}

/** The process's slots, shared by every app in it (one server process, one memory). */
export const decodeSlots = new DecodeSlots(MAX_CONCURRENT_DECODES);
