/** "412 write units · 86 WCU/s": the write capacity the users' actions consumed, per second spent in steps. */
export function throughput(job: { writeUnits: number; elapsedMs: number }): string {
  const units = `${job.writeUnits.toLocaleString("en-US", { maximumFractionDigits: 1 })} write unit${job.writeUnits === 1 ? "" : "s"}`;
  if (job.elapsedMs <= 0) return units;
  const perSecond = job.writeUnits / (job.elapsedMs / 1000);
  return `${units} · ${perSecond.toLocaleString("en-US", { maximumFractionDigits: perSecond >= 10 ? 0 : 1 })} WCU/s`;
}
