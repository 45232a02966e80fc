export interface DeadlineQueue {
  /**
   * Calls `onExpire` once `deadline` (a `performance.now()` time) has passed,
   * unless the returned cancel function is called first. Deadlines added
   * mostly in increasing order cost the least.
   */
  add(deadline: number, onExpire: () => void): () => void;
}

interface Entry {
  deadline: number;
  onExpire: () => void;
  settled: boolean;
}

/** Settled entries kept at the front before the array is compacted. */
const COMPACT_AFTER = 1024;

/**
 * Deadlines for requests, kept sorted. Every request gets the same allowance
 * from its arrival, so deadlines mostly arrive in order (a slow upload can
 * come a little late and is inserted in its place). One timer, armed for the
 * earliest entry still waiting, replaces a timer per request: creating and
 * clearing one per request was a measurable part of a fast request's cost.
 */
export function createDeadlineQueue(): DeadlineQueue {
  let entries: Entry[] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting = 0;

  function dropSettledFront(): void {
    while (head < entries.length && entries[head]!.settled) head += 1;
    if (head === entries.length) {
      entries = [];
      head = 0;
    } else if (entries.length - head > COMPACT_AFTER && waiting * 4 < entries.length - head) {
      // An old request still waiting at the front keeps the settled ones behind it; drop them before they pile up.
      entries = entries.slice(head).filter((entry) => !entry.settled);
      head = 0;
    } else if (head > COMPACT_AFTER && head * 2 > entries.length) {
      entries = entries.slice(head);
      head = 0;
    }
  }

  /** Inserts `entry` after the last entry with a deadline not later than its own. */
  function insert(entry: Entry): void {
    let index = entries.length;
    while (index > head && entries[index - 1]!.deadline > entry.deadline) index -= 1;
    if (index === entries.length) entries.push(entry);
    else entries.splice(index, 0, entry);
    if (index === head && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  }

  function arm(): void {
    if (timer !== undefined || head === entries.length) return;
    timer = setTimeout(expireDue, Math.max(0, entries[head]!.deadline - performance.now()));
    timer.unref?.();
  }

  function expireDue(): void {
    timer = undefined;
    const now = performance.now();
    while (head < entries.length && (entries[head]!.settled || entries[head]!.deadline <= now)) {
      const entry = entries[head]!;
      head += 1;
      if (entry.settled) continue;
      entry.settled = true;
      waiting -= 1;
      entry.onExpire();
    }
    dropSettledFront();
    arm();
  }

  return {
    add(deadline, onExpire) {
      const entry: Entry = { deadline, onExpire, settled: false };
      insert(entry);
      waiting += 1;
      arm();
      return () => {
        if (entry.settled) return;
        entry.settled = true;
        waiting -= 1;
        if (entries[head] === entry) dropSettledFront();
      };
    },
  };
}
