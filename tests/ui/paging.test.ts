import { describe, expect, it } from 'vitest';
import { pageWindow } from '../../src/ui/paging.ts';

describe('pageWindow', () => {
  it.each([
    // count, page, size -> page, pages, start, end
    [0, 0, 200, { page: 0, pages: 1, start: 0, end: 0 }],
    [1, 0, 200, { page: 0, pages: 1, start: 0, end: 1 }],
    [200, 0, 200, { page: 0, pages: 1, start: 0, end: 200 }],
    [201, 1, 200, { page: 1, pages: 2, start: 200, end: 201 }],
    [50_000, 0, 200, { page: 0, pages: 250, start: 0, end: 200 }],
    [50_000, 249, 200, { page: 249, pages: 250, start: 49_800, end: 50_000 }],
    // Clamped: past the end, before the start, not a number (the list shrank under the page).
    [50_000, 1000, 200, { page: 249, pages: 250, start: 49_800, end: 50_000 }],
    [10, 3, 200, { page: 0, pages: 1, start: 0, end: 10 }],
    [10, -2, 3, { page: 0, pages: 4, start: 0, end: 3 }],
    [10, Number.NaN, 3, { page: 0, pages: 4, start: 0, end: 3 }],
    [10, 3, 3, { page: 3, pages: 4, start: 9, end: 10 }],
  ])('%i items, page %d of %d per page', (count, page, size, expected) => {
    expect(pageWindow(count, page, size)).toEqual(expected);
  });

  it('never renders more than one page, whatever the list', () => {
    for (const count of [0, 1, 199, 200, 201, 12_345, 50_000, 1_000_000]) {
      for (const page of [0, 1, 7, 249, 10_000]) {
        const w = pageWindow(count, page, 200);
        expect(w.end - w.start).toBeLessThanOrEqual(200);
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.end).toBeLessThanOrEqual(count);
        expect(w.page).toBeLessThan(w.pages);
      }
    }
  });
});
