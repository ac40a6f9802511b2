/*
 * Scripts that run inside the page. They are plain JavaScript text rather
 * than functions: tsx compiles this package with esbuild's keepNames, whose
 * `__name` helper does not exist in the browser, so a serialised function
 * would fail there.
 */

/** Marks the element the probe scrolls. */
export const SCROLLER_ATTRIBUTE = 'data-bench-scroller';

export type ScrollerInfo = {
  scrollHeight: number;
  clientHeight: number;
  clientWidth: number;
  description: string;
};

/**
 * Finds the timeline's scroll container — the element named
 * `timeline-scroll`, or failing that the one with the most scrollable
 * height — once it holds at least `minimumScreens` screens (that is, once
 * the journal's total has sized it). Evaluates to null until then, to be
 * polled.
 */
export function findScrollerScript(minimumScreens: number): string {
  return `(() => {
    const named = document.querySelector('[data-testid="timeline-scroll"]');
    const candidates = named ? [named] : document.querySelectorAll('*');
    const scrollable = [...candidates].filter((el) => {
      const overflow = getComputedStyle(el).overflowY;
      return (overflow === 'auto' || overflow === 'scroll') &&
        el.clientHeight > 0 &&
        el.scrollHeight >= el.clientHeight * ${minimumScreens};
    });
    scrollable.sort((a, b) => b.scrollHeight - a.scrollHeight);
    const found = scrollable[0];
    if (!found) return null;
    found.setAttribute('${SCROLLER_ATTRIBUTE}', '');
    const testId = found.getAttribute('data-testid');
    return {
      scrollHeight: found.scrollHeight,
      clientHeight: found.clientHeight,
      clientWidth: found.clientWidth,
      description: found.tagName.toLowerCase() +
        (testId ? '[data-testid=' + testId + ']' : '') +
        (found.className ? '.' + String(found.className).split(' ')[0] : ''),
    };
  })()`;
}

/**
 * The state of the timeline's chain check, once it has settled; null while
 * it runs. The check the timeline starts on opening reads the whole
 * journal, and is waited out so that it does not share the machine with
 * the scrolling being measured. `absent` if there is no such indicator.
 */
export const CHAIN_CHECK_SETTLED_SCRIPT = `(() => {
  const status = document.querySelector('[data-testid="chain-status"]');
  if (!status) return 'absent';
  const busy = status.getAttribute('aria-busy') === 'true';
  const state = status.getAttribute('data-state');
  return busy || state === 'pending' ? null : state;
})()`;

/** A scroll area of the given size with nothing in it. */
export function baselinePageHtml(scroller: ScrollerInfo): string {
  return `<!doctype html>
<html><body style="margin:0">
<div ${SCROLLER_ATTRIBUTE} style="height:${scroller.clientHeight}px;
  width:${scroller.clientWidth}px;overflow-y:auto">
  <div style="height:${scroller.scrollHeight}px"></div>
</div>
</body></html>`;
}

export type ScrollPlan = {
  /** Length of each of the three scroll phases. */
  phaseMs: number;
  /** Scroll speed while a phase runs; a brisk wheel or trackpad flick. */
  pixelsPerMs: number;
};

export type ScrollRecording = {
  /** Time between consecutive animation frames, in ms. */
  intervals: number[];
  /** Where each phase left the scroll position. */
  landedAt: number[];
  maxScrollTop: number;
};

/**
 * Scrolls the marked element in three phases — down from the top, a jump
 * to the middle and down from there, a jump to the end and up from there
 * — moving `scrollTop` on every animation frame by the time elapsed, and
 * records the interval between frames. A frame that the page's own work
 * delays shows as a long interval; the jumps' cost falls in the frame
 * after them.
 */
export function scrollProbeScript(plan: ScrollPlan): string {
  return `(async () => {
    const plan = ${JSON.stringify(plan)};
    const scroller = document.querySelector('[${SCROLLER_ATTRIBUTE}]');
    const maxTop = () => scroller.scrollHeight - scroller.clientHeight;
    const phases = [
      { start: () => 0, direction: 1 },
      { start: () => Math.floor(maxTop() / 2), direction: 1 },
      { start: () => maxTop(), direction: -1 },
    ];
    const nextFrame = () => new Promise((done) => requestAnimationFrame(done));
    const intervals = [];
    const landedAt = [];
    let last = await nextFrame();
    for (const phase of phases) {
      const start = phase.start();
      scroller.scrollTop = start;
      const began = last;
      for (;;) {
        const now = await nextFrame();
        intervals.push(now - last);
        last = now;
        const elapsed = now - began;
        if (elapsed >= plan.phaseMs) break;
        const travel = phase.direction * plan.pixelsPerMs * elapsed;
        scroller.scrollTop = start + travel;
      }
      landedAt.push(Math.round(scroller.scrollTop));
    }
    return { intervals, landedAt, maxScrollTop: maxTop() };
  })()`;
}

/**
 * Jumps to the end, lets the page settle, and reads the text at the
 * bottom of the scroll area: evidence that the last entries are
 * reachable and load, not just that the frames were fast.
 */
export function endTextScript(settleMs: number): string {
  return `(async () => {
    const scroller = document.querySelector('[${SCROLLER_ATTRIBUTE}]');
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((done) => setTimeout(done, ${settleMs}));
    const box = scroller.getBoundingClientRect();
    const probe = document.elementFromPoint(box.left + 24, box.bottom - 12);
    const row = probe && (probe.closest('[data-index]') || probe);
    const text = row ? row.innerText.replace(/\\s+/g, ' ').trim() : '';
    return text.slice(0, 120);
  })()`;
}
