import type { BenchDal } from "./bench-dal";
import type { ActionFixtures } from "./bench-data";
import { log, measure, round } from "./bench-measure";
import type { signedInOperator } from "./operators";

/** The bulk actions through the DAL, on the fixtures: revoke 1,000 sessions, delete a user of 1,000 items, purge every expired item. */
/** `admin` signs in afresh for each action: the purge of a million-item table outlasts a step-up window. */
export async function benchActions(bench: BenchDal, admin: () => ReturnType<typeof signedInOperator>, fixtures: ActionFixtures) {
  const { dal, counter } = bench;
  const revoke = await measure(counter, async () => {
    const r = await dal.revoke.revokeUserSessions(admin(), { userId: fixtures.revokeUser.id, reason: "bench" });
    if (r.counts?.revoked !== 1000) throw new Error(`revoke-all revoked ${JSON.stringify(r.counts)}`);
  });
  log(`revoke all 1,000 sessions: ${round(revoke.ms)} ms, ${JSON.stringify(revoke.byCommand)}`);
  const del = await measure(counter, async () => {
    const r = await dal.deleteUser.deleteUser(admin(), { userId: fixtures.deleteTarget.id, reason: "bench" });
    if (r.counts?.deleted !== 1000) throw new Error(`delete user deleted ${JSON.stringify(r.counts)}`);
  });
  log(`delete a user with 1,000 items: ${round(del.ms)} ms, ${JSON.stringify(del.byCommand)}`);
  let purged = 0;
  let steps = 0;
  const purge = await measure(counter, async () => {
    let cursor: string | undefined;
    for (;;) {
      const r = await dal.purge.purgeExpiredStep(admin(), { reason: "bench", cursor });
      steps++;
      purged = r.deleted;
      if (r.done) break;
      cursor = r.cursor ?? undefined;
    }
  });
  log(`purge expired: ${purged} items in ${steps} steps, ${round(purge.ms)} ms, ${JSON.stringify(purge.byCommand)}`);
  if (purged !== fixtures.expiredTotal) throw new Error(`purge deleted ${purged}, expected ${fixtures.expiredTotal}`);
  return { revoke, del, purge, purged, steps };
}

export type ActionFigures = Awaited<ReturnType<typeof benchActions>>;
