import "server-only";
import { conditionHeld } from "@/lib/dynamo/condition-held";
import { gatehouseTable } from "@/lib/dynamo/gatehouse-table";

/** The step no longer holds its job: another step took it over after its lease passed. It must act on no one more. */
export class LeaseLostError extends Error {
  constructor() {
    super("This step lost its hold on the job: another step took it over.");
    this.name = "LeaseLostError";
  }
}

export interface StepLease {
  /**
   * Extends the lease, only if this step still holds it; throws LeaseLostError otherwise.
   * Called before each user's action and before the results are written.
   */
  renew(): Promise<void>;
  /** Ends the heartbeat (the lease itself is removed by the results write, or by release). */
  stop(): void;
  /** Gives the job back at once, only if this step still holds it (a failed step, so the same cursor can run again). */
  release(): Promise<void>;
}

/**
 * Takes the job for one step, named `stepId`, until `now + leaseMs`: only while the job is still at
 * `position` and no step holds it, or the one that did has outlived its lease. False otherwise.
 *
 * Not lib/dynamo/lease.ts's takeLease: this lease is two attributes of the job item itself (a Put
 * would replace the job), stamped in milliseconds from the step's own clock, tied to the job's
 * position, and never taken again by its holder (each step has a new id; renew below extends it).
 */
export async function claimStepLease(job: { jobId: string; position: number; stepId: string }, leaseMs: number, now: number): Promise<boolean> {
  const table = gatehouseTable();
  return conditionHeld(
    table.doc.update({
      TableName: table.schema.tableName,
      Key: table.jobKey(job.jobId),
      UpdateExpression: "SET #lease = :until, #step = :step",
      ConditionExpression: "#position = :position AND (attribute_not_exists(#lease) OR #lease < :now)",
      ExpressionAttributeNames: { "#lease": "stepUntil", "#step": "stepId", "#position": "position" },
      ExpressionAttributeValues: { ":until": now + leaseMs, ":step": job.stepId, ":position": job.position, ":now": now },
    }),
  );
}

/**
 * A step's hold on its job, named by the step's own id so that only the holder renews or gives
 * it back. Renewed before each user and by a heartbeat (a third of the lease) in between, so a
 * slow step (throttling) keeps its job while its server lives; a step whose server died or
 * stalled past the lease loses it, and finds out at its next renewal.
 */
export function holdLease(job: { jobId: string; position: number; stepId: string }, leaseMs: number, now: () => number): StepLease {
  const table = gatehouseTable();
  let lost = false;
  const renew = async () => {
    if (lost) throw new LeaseLostError();
    const held = await conditionHeld(
      table.doc.update({
        TableName: table.schema.tableName,
        Key: table.jobKey(job.jobId),
        UpdateExpression: "SET #lease = :until",
        ConditionExpression: "#step = :step AND #position = :position",
        ExpressionAttributeNames: { "#lease": "stepUntil", "#step": "stepId", "#position": "position" },
        ExpressionAttributeValues: { ":until": now() + leaseMs, ":step": job.stepId, ":position": job.position },
      }),
    );
    if (held) return;
    lost = true;
    throw new LeaseLostError();
  };
  const heartbeat = setInterval(() => renew().catch(() => {}), Math.max(50, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  return {
    renew,
    stop: () => clearInterval(heartbeat),
    release: async () => {
      clearInterval(heartbeat);
      // Already taken over: nothing of this step's to give back.
      await conditionHeld(
        table.doc.update({
          TableName: table.schema.tableName,
          Key: table.jobKey(job.jobId),
          UpdateExpression: "REMOVE #lease, #step",
          ConditionExpression: "#step = :step",
          ExpressionAttributeNames: { "#lease": "stepUntil", "#step": "stepId" },
          ExpressionAttributeValues: { ":step": job.stepId },
        }),
      );
    },
  };
}
