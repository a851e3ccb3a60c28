import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { e2eDynamo } from "./support/dynamo";
import { signIn } from "./support/operators";

// Writes to the product table, so it runs against the console whose data the action specs change.
test.use({ baseURL: process.env.E2E_BASE_URL_ACT });

test("attributes a product adds to its user items are shown redacted, with their type and size", async ({ page }) => {
  const db = e2eDynamo("act");
  const email = `raw-${randomUUID().slice(0, 8)}@example.com`;
  const user = await db.productAdapter.createUser!({ id: "", email, emailVerified: new Date(), name: "Raw Items" });
  const passwordHash = randomBytes(32).toString("hex");
  const apiKey = `sk_live_${randomBytes(12).toString("hex")}`;
  const recoveryCode = `rc-${randomUUID()}`;
  await db.doc.update({
    TableName: db.product.tableName,
    Key: { [db.product.partitionKey]: `USER#${user.id}`, [db.product.sortKey]: `USER#${user.id}` },
    UpdateExpression: "SET passwordHash = :hash, apiKey = :key, profile = :profile",
    ExpressionAttributeValues: { ":hash": passwordHash, ":key": apiKey, ":profile": { recovery: { code: recoveryCode }, plan: "pro", seats: 3 } },
  });

  await signIn(page, "viewer");
  await page.goto(`/users/${user.id}`);
  await page.getByText("Raw items (1)").scrollIntoViewIfNeeded();
  await page.locator("details summary", { hasText: /^User$/ }).click();
  const raw = page.locator("details[open] pre").first();
  await expect(raw).toContainText(email);
  await expect(raw).toContainText(`"passwordHash": "‹redacted, string of 64 characters›"`);
  await expect(raw).toContainText(`"apiKey": "‹redacted, string of ${apiKey.length} characters›"`);
  await expect(raw).toContainText(`"profile": "‹redacted, map of 3 entries›"`);
  const html = await page.content();
  for (const secret of [passwordHash, apiKey, recoveryCode, "sk_live_"]) expect(html).not.toContain(secret);
});
