/**
 * Status dots that follow counters without costing a translation and an editor message per
 * request: the status is recomputed at most every `ms` (a webhook can see thousands a second).
 */
export function throttledStatus(update: () => void, ms = 500): { touch(): void; flush(): void; close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let last = 0;
  return {
    touch() {
      if (timer) return;
      const now = Date.now();
      if (now >= last + ms) {
        // leading edge: the first change after a quiet spell shows at once
        last = now;
        update();
        return;
      }
      const wait = last + ms - now;
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        update();
      }, wait);
      timer.unref();
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      last = Date.now();
      update();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
