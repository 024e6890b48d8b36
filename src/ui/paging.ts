/**
 * Pages of a long list (the problems of a run can number 50,000): which slice to render for a
 * page, with the page clamped to the list, so the DOM never holds more than one page of rows
 * however long the list or however often the user moves on.
 */

export interface PageWindow {
  /** The page shown, 0-based, clamped to the list. */
  page: number;
  /** Number of pages (at least 1, even for an empty list). */
  pages: number;
  /** First index shown. */
  start: number;
  /** One past the last index shown. */
  end: number;
}

/** The slice of a list of `count` items shown on `page` with `size` items per page. */
export function pageWindow(count: number, page: number, size: number): PageWindow {
  const perPage = Math.max(1, Math.floor(size));
  const total = Math.max(0, Math.floor(count));
  const pages = Math.max(1, Math.ceil(total / perPage));
  const p = Number.isFinite(page) ? Math.min(pages - 1, Math.max(0, Math.floor(page))) : 0;
  const start = p * perPage;
  return { page: p, pages, start, end: Math.min(total, start + perPage) };
}
