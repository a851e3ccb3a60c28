import "server-only";
import { auditDayPartition, auditIndexMarkerKey, auditUserIndexKeys, auditUserPartition } from "@/lib/audit/user-index";
import { serverConfig } from "@/lib/config";
import { keysFor } from "@/lib/dynamo/keys";
import { dynamo } from "@/lib/dynamo/server";

/**
 * Gatehouse's own table: operators' Auth.js items, the audit log, undo tombstones, rate-limit
 * counters, scan leases, API keys, list jobs and the doctor's last result.
 */
export function gatehouseTable() {
  const config = serverConfig();
  const schema = config.dynamo.gatehouse;
  const keys = keysFor(schema);
  const { pk, sk, gpk, gsk } = keys.names;
  return {
    schema,
    doc: dynamo().doc,
    names: keys.names,
    auditDay: auditDayPartition,
    auditKey: (day: string, sortKey: string) => ({ [pk]: auditDayPartition(day), [sk]: sortKey }),
    /** The GSI partition of one user's audit entries, and an entry's index keys there (none without a target user). */
    auditUserPartition,
    auditUserIndexKeys: (target: { userId?: string }, entryId: string) => auditUserIndexKeys(schema, target, entryId),
    auditIndexMarkerKey: () => auditIndexMarkerKey(schema),
    tombstoneKey: (id: string) => ({ [pk]: `TOMBSTONE#${id}`, [sk]: `TOMBSTONE#${id}` }),
    /** One operator's heavy-scan lease (hashed: no address in a key). */
    leaseKey: (subjectHash: string) => ({ [pk]: `LEASE#scan#${subjectHash}`, [sk]: "LEASE#scan" }),
    /** The doctor's last run, shown on /doctor. */
    doctorKey: () => ({ [pk]: "DOCTOR#last", [sk]: "DOCTOR#last" }),
    /** One fixed window of one limit for one subject (hashed: no address or IP in a key). */
    rateKey: (limit: string, subjectHash: string, windowStart: number) => ({ [pk]: `RATE#${limit}#${subjectHash}`, [sk]: `RATE#${windowStart}` }),
    /** One API key, found by the SHA-256 of the key itself (GetItem): the key is never stored. */
    apiKeyKey: (hash: string) => ({ [pk]: `APIKEY#${hash}`, [sk]: `APIKEY#${hash}` }),
    /** Every API key under one GSI1 partition, newest last: the list is one Query, never a Scan. */
    apiKeysPartition: "APIKEYS",
    apiKeyIndex: (createdAt: string, id: string) => ({ [gpk]: "APIKEYS", [gsk]: `${createdAt}#${id}` }),
    /** An Act on a list job: its state, its list in chunks and its results, step by step, in one partition. */
    jobPartition: (id: string) => `JOB#${id}`,
    jobKey: (id: string) => ({ [pk]: `JOB#${id}`, [sk]: "JOB" }),
    jobEntriesKey: (id: string, start: number) => ({ [pk]: `JOB#${id}`, [sk]: `ENTRIES#${String(start).padStart(6, "0")}` }),
    jobResultsKey: (id: string, start: number) => ({ [pk]: `JOB#${id}`, [sk]: `RESULT#${String(start).padStart(6, "0")}` }),
    /** One listed user's act within a job: claimed by the step that acts, then its outcome (so no retry acts twice). */
    jobActKey: (id: string, index: number) => ({ [pk]: `JOB#${id}`, [sk]: `ACT#${String(index).padStart(6, "0")}` }),
    /** One Purge expired run: who started it, its state and the step it is at; its cursors name it. */
    purgeRunKey: (id: string) => ({ [pk]: `PURGE#${id}`, [sk]: "PURGE" }),
    /** Every job under one GSI1 partition, newest last: recent jobs are one Query. */
    jobsPartition: "JOBS",
    jobIndex: (createdAt: string, id: string) => ({ [gpk]: "JOBS", [gsk]: `${createdAt}#${id}` }),
  };
}
