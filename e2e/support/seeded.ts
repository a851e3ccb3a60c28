import { test } from "@playwright/test";
import { planDemoData } from "@/scripts/lib/demo-data";
import { e2eDynamo } from "./dynamo";
import { type EnvironmentName, SEED } from "./environments";

/** Which console this test runs against, from its Playwright project. */
export function currentEnvironment(): EnvironmentName {
  const project = test.info().project.name;
  return project === "custom-schema" ? "custom" : project === "act" ? "act" : "default";
}

/** The demo data the global setup wrote (same seed, same clock), to know what pages must show. */
export function seededPlan() {
  return planDemoData({ ...SEED, now: Number(process.env.E2E_SEED_NOW) });
}

/** A seeded user's id, read back through the adapter. */
export async function seededUserId(email: string): Promise<string> {
  const user = await e2eDynamo(currentEnvironment()).productAdapter.getUserByEmail!(email);
  if (!user) throw new Error(`seeded user ${email} is missing`);
  return user.id;
}
