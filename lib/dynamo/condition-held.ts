// Not server-only: the activity poller takes its leases from instrumentation.ts, where Next may not allow that import.
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";

/**
 * Runs a conditional write: true when it was written, false when its condition did not hold (a
 * lease someone else holds, a step already taken). Every other error is thrown as it came.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
