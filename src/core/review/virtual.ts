/**
 * Review stage: which rows of a long, fixed-row-height list are visible, so the transactions
 * table renders only those (100,000 rows would otherwise freeze the page). One row may be
 * expanded; the caller passes its detail block's measured height, so the arithmetic stays exact.
 */

export interface VirtualWindow {
  /** First row index to render. */
  start: number;
  /** One past the last row index to render. */
  end: number;
  /** Pixels above the first rendered row. */
  before: number;
  /** Pixels below the last rendered row. */
  after: number;
  /** Total height of the list in pixels. */
  total: number;
}

export interface VirtualInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Row index that is expanded, or -1. */
  expanded?: number;
  /** Extra height of the expanded row's detail. */
  expandedExtra?: number;
  /** Rows rendered beyond each edge so fast scrolling does not flash blank. */
  overscan?: number;
}

/** The slice of rows to render for the current scroll position. */
export function virtualWindow(input: VirtualInput): VirtualWindow {
  const { count, rowHeight, viewportHeight } = input;
  const expanded = input.expanded !== undefined && input.expanded >= 0 && input.expanded < count ? input.expanded : -1;
  const extra = expanded >= 0 ? (input.expandedExtra ?? 0) : 0;
  const overscan = input.overscan ?? 8;
  const total = count * rowHeight + extra;
  const scrollTop = Math.max(0, Math.min(input.scrollTop, Math.max(0, total - viewportHeight)));
  // Position of a row's top edge, accounting for the expanded detail above it.
  const top = (i: number): number => i * rowHeight + (expanded >= 0 && i > expanded ? extra : 0);
  const indexAt = (y: number): number => {
    if (expanded >= 0) {
      const detailTop = (expanded + 1) * rowHeight;
      if (y >= detailTop && y < detailTop + extra) return expanded;
      if (y >= detailTop + extra) return Math.floor((y - extra) / rowHeight);
    }
    return Math.floor(y / rowHeight);
  };
  if (count === 0) return { start: 0, end: 0, before: 0, after: 0, total: 0 };
  const first = Math.min(count - 1, Math.max(0, indexAt(scrollTop)));
  const last = Math.min(count - 1, Math.max(0, indexAt(scrollTop + viewportHeight)));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + 1 + overscan);
  const before = top(start);
  const after = total - (end >= count ? total : top(end));
  return { start, end, before, after, total };
}
