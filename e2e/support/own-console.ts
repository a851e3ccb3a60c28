import { randomUUID } from "node:crypto";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { createDynamoClients } from "@/lib/dynamo/client";
import { ensureTable } from "@/lib/dynamo/table-health";
import { startConsoleServer } from "@/scripts/lib/console-server";
import { freePort } from "@/scripts/lib/dynamodb-local";
import { type CaughtMail, startMailCatcher } from "@/scripts/lib/mail-catcher";
import { e2eConsoleEnv } from "./spec-console";

/**
 * A console of a spec's own (its settings differ from the global ones): fresh tables on the
 * suite's DynamoDB Local, an SMTP catcher of its own, and a sign-in through the magic link.
 * `sharedTable` makes GATEHOUSE_TABLE the product table itself, as the docs allow.
 */
export async function startOwnConsole(options: { sharedTable?: boolean; env?: Record<string, string> } = {}) {
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT!;
  const clients = createDynamoClients({ endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const id = randomUUID().slice(0, 8);
  const schema = (tableName: string) => ({
    tableName,
    partitionKey: "pk",
    sortKey: "sk",
    indexName: "GSI1",
    indexPartitionKey: "GSI1PK",
    indexSortKey: "GSI1SK",
  });
  const product = schema(`own-product-${id}`);
  const gatehouse = options.sharedTable ? product : schema(`own-gatehouse-${id}`);
  await ensureTable(clients.raw, product, { ttl: false });
  if (!options.sharedTable) await ensureTable(clients.raw, gatehouse);

  const mail = await startMailCatcher();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = await startConsoleServer(
    e2eConsoleEnv(endpoint, mail.smtpUrl, product, gatehouse.tableName, { GATEHOUSE_RATE_LIMITS: "signin-email=off,signin-ip=off", ...options.env }),
    { port },
  );

  async function magicLinkFor(email: string, after = 0): Promise<string> {
    let link: string | undefined;
    await expect
      .poll(
        async () => {
          const all = (await (await fetch(`${mail.apiUrl}/messages`)).json()) as CaughtMail[];
          const mine = all.filter((m) => m.to.includes(email.toLowerCase()));
          link = mine[after]?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+/)?.[0];
          return link;
        },
        { message: `a magic link mailed to ${email}`, timeout: 15_000 },
      )
      .toBeTruthy();
    return link!;
  }

  const sent = new Map<string, number>();
  /** Requests a link on the sign-in page open in `page` and follows it. */
  async function followLink(page: Page, email: string) {
    await page.getByLabel("Work email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page).toHaveURL(/\/signin\/check-email$/, { timeout: 30_000 });
    const index = sent.get(email) ?? 0;
    sent.set(email, index + 1);
    await page.goto(await magicLinkFor(email, index));
  }

  return {
    url,
    product,
    gatehouse,
    doc: clients.doc,
    adapter: DynamoDBAdapter(clients.doc, product),
    gatehouseAdapter: DynamoDBAdapter(clients.doc, gatehouse),
    output: server.output,
    followLink,
    async signIn(page: Page, email: string, role: "admin" | "viewer" = "admin") {
      await page.goto(`${url}/signin`);
      await followLink(page, email);
      await expect(page.getByTestId("operator-role")).toHaveText(role);
    },
    async sessionToken(context: BrowserContext) {
      return (await context.cookies(url)).find((c) => c.name.endsWith("authjs.session-token"))?.value;
    },
    async stop() {
      server.stop();
      await mail.stop();
    },
  };
}

export type OwnConsole = Awaited<ReturnType<typeof startOwnConsole>>;
