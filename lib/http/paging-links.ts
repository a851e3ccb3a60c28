import { PAGE_SIZES, type PageInfo } from "@/lib/dynamo/paging";
import { hrefWith } from "@/lib/http/search-params";

/** The hrefs a pagination bar needs, keeping a view's other parameters. */
export function pagingLinks(path: string, params: Record<string, string | undefined>, pageSize: number, info: PageInfo) {
  const base = { ...params, pageSize: pageSize === 25 ? undefined : String(pageSize) };
  return {
    page: info.page,
    pageSize,
    previousHref: info.previousCursor === undefined ? undefined : hrefWith(path, { ...base, cursor: info.previousCursor }),
    nextHref: info.nextCursor ? hrefWith(path, { ...base, cursor: info.nextCursor }) : undefined,
    pageSizeHrefs: Object.fromEntries(PAGE_SIZES.map((size) => [String(size), hrefWith(path, { ...params, pageSize: size === 25 ? undefined : size })])),
  };
}
