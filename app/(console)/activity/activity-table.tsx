"use client";

import { ActivityTableMarkup } from "./activity-table-markup";

/**
 * The feed's table, drawn from the events in the browser too: a server-drawn row reaches it twice
 * (its HTML and the page's RSC payload), which kept /activity over its 64 kB of HTML.
 */
export function ActivityTable(props: React.ComponentProps<typeof ActivityTableMarkup>) {
  return <ActivityTableMarkup {...props} />;
}
