import { Notice } from "@/components/notice";
import { StaticRelativeTime } from "@/components/ui/static-relative-time";
import type { Operator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { activityStatus } from "@/lib/features/activity/server";
import { RateLimitedError } from "@/lib/limits/rate-limit";

const modeLabels = { poll: "read by the console (poll)", lambda: "read by the Lambda consumer", off: "off" } as const;

/** Seconds between a record's write and its events being stored, at the consumer's last batch. */
function lagSeconds(lastRecordAt?: string, checkpointAt?: string): number | null {
  if (!lastRecordAt || !checkpointAt) return null;
  return Math.max(0, Math.round((Date.parse(checkpointAt) - Date.parse(lastRecordAt)) / 1000));
}

/**
 * Where the feed comes from and how fresh it is: the consumer's mode, the last record it read,
 * its lag, and any gap it had to leave. Without a stream, or with activity off, it says how to
 * turn it on; nothing ever falls back to scanning the table.
 */
export async function ConsumerStatusLine({ operator, now }: { operator: Operator; now: number }) {
  let status: Awaited<ReturnType<typeof activityStatus>>;
  try {
    status = await activityStatus(operator);
  } catch (error) {
    if (error instanceof RateLimitedError) return null;
    throw error;
  }
  if (status.stream === "off") {
    return (
      <div className="mb-4" data-testid="activity-no-stream">
        <Notice tone="warning" title="The product table has no stream, so there is no activity to show.">
          <p>
            Activity is read from the table's DynamoDB Stream (new and old images), never by scanning. Turn it on with{" "}
            <code className="font-mono text-xs">npm run setup -- --enable-streams</code>, or run{" "}
            <code className="font-mono text-xs">{status.enableCommand}</code>. Streams are free to turn on; see docs/deploying.md, “Activity”.
          </p>
        </Notice>
      </div>
    );
  }
  if (status.mode === "off") {
    return (
      <div className="mb-4" data-testid="activity-off">
        <Notice tone="info" title="Activity is off on this console (GATEHOUSE_ACTIVITY=off).">
          <p>
            Set <code className="font-mono text-xs">GATEHOUSE_ACTIVITY=poll</code> to read the stream here, or deploy the Lambda consumer and set{" "}
            <code className="font-mono text-xs">GATEHOUSE_ACTIVITY=lambda</code> (docs/deploying.md, “Activity”). What was stored before is still shown.
          </p>
        </Notice>
      </div>
    );
  }
  const lag = lagSeconds(status.lastRecordAt, status.checkpointAt);
  const coarse = serverConfig().dynamo.engine !== "aws";
  return (
    <div className="mb-4 space-y-3">
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-fg-muted" data-testid="consumer-status">
        <span>
          Stream <span className="font-medium text-fg">{modeLabels[status.mode]}</span>
        </span>
        <span>Last record {status.lastRecordAt ? <StaticRelativeTime epochMs={Date.parse(status.lastRecordAt)} now={now} /> : <span>none read yet</span>}</span>
        {lag === null ? null : coarse && lag < 60 ? (
          <span title="DynamoDB Local rounds a record's time down to the minute (AWS: to the second)">Lag under a minute at the last batch</span>
        ) : (
          <span>Lag {lag < 1 ? "under a second" : `${lag} s`} at the last batch</span>
        )}
        <span>
          {status.shards.length} shard{status.shards.length === 1 ? "" : "s"}
          {status.gaps.length ? "" : ", no gaps"}
        </span>
      </p>
      {status.gaps.length ? (
        <div data-testid="activity-gaps">
          <Notice
            tone="warning"
            title={`Activity has ${status.gaps.length === 1 ? "a gap" : `${status.gaps.length} gaps`}: some records were gone before they were read.`}
          >
            <ul className="list-disc space-y-0.5 pl-4">
              {status.gaps.slice(0, 5).map((gap) => (
                <li key={`${gap.at}${gap.shardId}`}>
                  Noticed <StaticRelativeTime epochMs={Date.parse(gap.at)} now={now} />: the consumer had read up to{" "}
                  {gap.lastRecordAt ? gap.lastRecordAt.slice(0, 19).replace("T", " ") : "nothing"} UTC, older than the stream keeps (24 hours); it went on from
                  the oldest record still there.
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
    </div>
  );
}
