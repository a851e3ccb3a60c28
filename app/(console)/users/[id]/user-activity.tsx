import Link from "next/link";
import { Notice } from "@/components/notice";
import { Card, CardHeader } from "@/components/ui/card";
import type { Operator } from "@/lib/auth/operator";
import type { ActivityEvent } from "@/lib/features/activity/schema";
import { type ActivityPage, listActivity } from "@/lib/features/activity/server";
import { hrefWith } from "@/lib/http/search-params";
import { RateLimitedError } from "@/lib/limits/rate-limit";
import { ActivityTableMarkup } from "../../activity/activity-table-markup";

/** How many of a user's newest events their page shows; the rest are a link away, on /activity. */
export const USER_ACTIVITY_ROWS = 10;

export type UserActivity = ActivityPage | { refused: string };

/** The user's newest product events: one index Query, charged like every read; a spent read budget is said, not thrown. */
export async function readUserActivity(operator: Operator, userId: string, now: number): Promise<UserActivity> {
  try {
    return await listActivity(operator, { user: userId }, { pageSize: USER_ACTIVITY_ROWS }, now);
  } catch (error) {
    if (error instanceof RateLimitedError) return { refused: error.message };
    throw error;
  }
}

const ACTIVE = new Set<ActivityEvent["type"]>(["sign-in", "session-created", "sign-up", "email-verified", "link-used"]);

/** What the events make exact: the newest sign-in, and the newest time the user did anything. */
export function exactTimes(activity: UserActivity): { signIn?: ActivityEvent; active?: ActivityEvent } {
  if ("refused" in activity) return {};
  const own = activity.events.filter((event) => event.by === "product");
  return {
    signIn: own.find((event) => event.type === "sign-in" || event.type === "session-created"),
    active: own.find((event) => ACTIVE.has(event.type)),
  };
}

/** The Activity section: what the user did in the product (History, below, is what operators did to them). */
export function UserActivitySection({ activity, userId, email, now }: { activity: UserActivity; userId: string; email: string | null; now: number }) {
  const more = "refused" in activity ? false : activity.nextCursor !== null;
  return (
    <Card aria-labelledby="activity-heading" id="activity">
      <CardHeader
        title={<span id="activity-heading">Activity</span>}
        description="This user's product events from the table's stream, newest first: sign-ins, sessions, magic links, accounts."
        actions={
          // By email where there is one: the feed then adds the magic links sent to it.
          <Link href={hrefWith("/activity", { who: email ?? userId })} className="shrink-0 text-sm font-medium text-accent hover:underline">
            {more ? "All of it in Activity" : "Open in Activity"}
          </Link>
        }
      />
      <div className="p-3">
        {"refused" in activity ? (
          <Notice tone="warning" role="alert" title="Activity was not read">
            <p>{activity.refused}</p>
          </Notice>
        ) : (
          <ActivityTableMarkup
            events={activity.events}
            now={now}
            subject={false}
            caption="This user's product activity, newest first"
            emptyMessage="No product activity recorded for this user yet."
          />
        )}
      </div>
    </Card>
  );
}
