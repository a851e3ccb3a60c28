import "server-only";
import { z } from "zod";
import type { Item } from "@/lib/dynamo/scan-page";
import { openCursor, sealCursor } from "@/lib/http/cursor";

export const PAGE_SIZES = [25, 50, 100] as const;
export const pageSizeSchema = z.coerce
  .number()
  .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n), "25, 50 or 100")
  .catch(25);

export interface PageInfo {
  page: number;
  /** Undefined on page one; null when the previous page is page one. */
  previousCursor?: string | null;
  nextCursor: string | null;
}

export interface OpenedPage {
  start?: Item;
  trail: (Item | null)[];
  page: number;
  progress: Record<string, number>;
}

/** Opens a view's cursor (throws CursorError when tampered or stale); no cursor is page one. */
export function openPage(secret: string, view: string, cursor: string | undefined): OpenedPage {
  if (!cursor) return { trail: [], page: 1, progress: {} };
  const state = openCursor(secret, view, cursor);
  const { page = state.trail.length + 1, ...progress } = state.progress ?? {};
  return { start: state.start, trail: state.trail, page, progress };
}

/** Cursors for the pages before and after the one just read. */
export function pageInfo(secret: string, view: string, opened: OpenedPage, next: Item | undefined, progress: Record<string, number> = {}): PageInfo {
  const info: PageInfo = {
    page: opened.page,
    nextCursor: next
      ? sealCursor(secret, view, { start: next, trail: [...opened.trail, opened.start ?? null], progress: { ...progress, page: opened.page + 1 } })
      : null,
  };
  if (opened.page > 1) {
    const previous = opened.trail.at(-1);
    info.previousCursor = previous
      ? sealCursor(secret, view, { start: previous, trail: opened.trail.slice(0, -1), progress: { page: opened.page - 1 } })
      : null;
  }
  return info;
}
