import "server-only";
import type { Operator } from "@/lib/auth/operator";
import type { Meter } from "@/lib/dynamo/meter";
import { checkReadBudget, meterCharger } from "@/lib/limits/read-budget";
import { acquireScanLease, releaseScanLease } from "./scan-lease";

/**
 * The two bounds on scans that read the whole product table (the doctor, Count items, the
 * users "contains" search, purges): one such scan per operator at a time (a lease), and the
 * operator's read budget, checked before every step and charged with what the meter saw after.
 */

const quietly = (what: string) => (error: unknown) => console.error(`[scan] could not ${what}:`, error instanceof Error ? error.name : error);

/**
 * A scan done within one request. `work` calls `beforeStep` before each step after the first:
 * it charges the steps so far, checks the budget and renews the lease.
 */
export async function heavyScan<T>(operator: Operator, label: string, meter: Meter, work: (beforeStep: () => Promise<void>) => Promise<T>): Promise<T> {
  await checkReadBudget(operator);
  const lease = await acquireScanLease(operator, label);
  const charge = meterCharger(operator, meter);
  let steps = 0;
  const beforeStep = async () => {
    if (steps++ === 0) return;
    await charge();
    await checkReadBudget(operator);
    await acquireScanLease(operator, label, lease);
  };
  try {
    return await work(beforeStep);
  } finally {
    await charge().catch(quietly("charge read units"));
    await releaseScanLease(operator, lease).catch(quietly("release a scan lease"));
  }
}

/**
 * One step of a scan the browser drives step after step: the lease id travels in the step's
 * sealed cursor (none on the first step), is renewed by each step and given back by the last
 * one, or when a step fails. `work` gets the lease id to seal into its cursor.
 */
export async function heavyScanStep<T extends { done: boolean }>(
  operator: Operator,
  label: string,
  leaseId: string | undefined,
  meter: Meter,
  work: (lease: string) => Promise<T>,
): Promise<T> {
  try {
    await checkReadBudget(operator);
  } catch (error) {
    if (leaseId) await releaseScanLease(operator, leaseId).catch(quietly("release a scan lease"));
    throw error;
  }
  const lease = await acquireScanLease(operator, label, leaseId);
  const charge = meterCharger(operator, meter);
  let result: T;
  try {
    result = await work(lease);
  } catch (error) {
    await releaseScanLease(operator, lease).catch(quietly("release a scan lease"));
    throw error;
  } finally {
    await charge().catch(quietly("charge read units"));
  }
  if (result.done) await releaseScanLease(operator, lease).catch(quietly("release a scan lease"));
  return result;
}
