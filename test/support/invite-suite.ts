import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { after, before, describe, test } from "node:test";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { Adapter } from "next-auth/adapters";
import type { TableSchema } from "@/lib/config";
import { type CaughtMail, startMailCatcher } from "@/scripts/lib/mail-catcher";
import { type AuthProduct, startAuthProduct } from "./auth-product";
import { testDynamo, testSchema, useConsoleTables } from "./dynamo";
import { closedPort } from "./guard-kit";
import { testOperator } from "./operators";

/**
 * New user and Send sign-in link against DynamoDB Local, compared with what the real adapter
 * writes, and a real Auth.js product on loopback (test/support/auth-product.ts) sending its own
 * magic links through a real SMTP server. Run once per key schema by the *.test.ts files beside
 * lib/features/create-user/server.ts (the DAL reads its config once per process).
 */
export function inviteSuite(names: "default" | "custom") {
  const product: TableSchema = testSchema(`invite-${names}`, names);
  const gatehouse: TableSchema = testSchema(`invite-${names}-gatehouse`);
  const admin = testOperator("ana@ops.test", "admin");
  const viewer = testOperator("vic@view.test", "viewer");
  const refusedDomain = "@refused.test";
  let dynamo: Awaited<ReturnType<typeof testDynamo>>;
  let adapter: Adapter;
  let mail: Awaited<ReturnType<typeof startMailCatcher>>;
  let app: AuthProduct;
  let dal: {
    create: typeof import("@/lib/features/create-user/server");
    send: typeof import("@/lib/features/send-sign-in-link/server");
    block: typeof import("@/lib/features/block/server");
    audit: typeof import("@/lib/features/audit/server");
    act: typeof import("@/lib/audit/act");
    authorize: typeof import("@/lib/auth/authorize");
    productSignIn: typeof import("@/lib/features/send-sign-in-link/product-sign-in");
  };

  const { partitionKey: pk, sortKey: sk, indexName, indexPartitionKey: gpk, indexSortKey: gsk } = product;
  const rawUser = async (id: string) =>
    (await dynamo.doc.get({ TableName: product.tableName, Key: { [pk]: `USER#${id}`, [sk]: `USER#${id}` }, ConsistentRead: true })).Item;
  const usersWithEmail = async (email: string) =>
    (
      await dynamo.doc.query({
        TableName: product.tableName,
        IndexName: indexName,
        KeyConditionExpression: "#gpk = :gpk",
        ExpressionAttributeNames: { "#gpk": gpk },
        ExpressionAttributeValues: { ":gpk": `USER#${email}` },
      })
    ).Items ?? [];
  const fresh = (label: string, domain = "@example.com") => `${label}-${randomUUID().slice(0, 8)}${domain}`;
  const mailsTo = async (email: string) => ((await (await fetch(`${mail.apiUrl}/messages`)).json()) as CaughtMail[]).filter((m) => m.to.includes(email));
  const lastAudit = async (action: string) => (await dal.audit.listAudit(admin, { action: action as never }, { pageSize: 5 })).entries[0];
  /** The item with its id replaced, so two users' items compare field by field. */
  const shape = (item: Record<string, unknown> | undefined, id: string) => JSON.parse(JSON.stringify(item).replaceAll(id, "<id>")) as Record<string, unknown>;

  before(async () => {
    dynamo = await testDynamo();
    mail = await startMailCatcher();
    app = await startAuthProduct({ doc: dynamo.doc, schema: product, smtpUrl: mail.smtpUrl, refuse: (email) => email.endsWith(refusedDomain) });
    await useConsoleTables(dynamo, product, { gatehouse, env: { GATEHOUSE_PRODUCT_URL: `${app.url}/` } });
    adapter = DynamoDBAdapter(dynamo.doc, product);
    dal = {
      create: await import("@/lib/features/create-user/server"),
      send: await import("@/lib/features/send-sign-in-link/server"),
      block: await import("@/lib/features/block/server"),
      audit: await import("@/lib/features/audit/server"),
      act: await import("@/lib/audit/act"),
      authorize: await import("@/lib/auth/authorize"),
      productSignIn: await import("@/lib/features/send-sign-in-link/product-sign-in"),
    };
  });
  after(async () => {
    await app?.stop();
    await mail?.stop();
    await dynamo?.stop();
  });

  describe(`New user (${names} key names)`, () => {
    test("writes the item adapter.createUser writes, field by field, and the adapter finds it by email", async () => {
      for (const name of ["Ana Lima", undefined]) {
        const email = fresh("created");
        const outcome = await dal.create.createUser(admin, { email: `  ${email.toUpperCase()} `, name });
        assert.equal(outcome.result, "ok");
        const id = outcome.target!.userId!;
        assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, "a UUID, as the adapter makes");
        assert.equal(outcome.target!.email, email, "stored as Auth.js normalizes it");

        const twin = fresh("adapter");
        const made = await adapter.createUser!({ id: "", email: twin, emailVerified: null, ...(name ? { name } : {}) });
        const ours = shape(await rawUser(id), id);
        const theirs = shape(await rawUser(made.id), made.id);
        assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort(), `same attributes (name ${name ? "given" : "not given"})`);
        for (const key of Object.keys(theirs))
          assert.deepEqual(ours[key], typeof theirs[key] === "string" ? (theirs[key] as string).replace(twin, email) : theirs[key], key);
        assert.equal(ours.type, "USER");
        assert.equal(ours[pk], "USER#<id>");
        assert.equal(ours[gsk], `USER#${email}`);
        assert.equal(ours.emailVerified, null);

        const found = await adapter.getUserByEmail!(email);
        assert.equal(found?.id, id);
        assert.equal(found?.email, email);
        assert.equal(found?.emailVerified, null);
        assert.equal(found?.name ?? undefined, name);
      }
      const entry = await lastAudit("create-user");
      assert.equal(entry?.result, "ok");
      assert.equal(entry?.operatorEmail, admin.email);
      assert.ok(entry?.target.userId);
    });

    test("an email another user holds is refused, names that user, and nothing is written", async () => {
      const email = fresh("taken");
      const holder = await adapter.createUser!({ id: "", email, emailVerified: new Date(), name: "First" });
      for (const typed of [email, email.toUpperCase()]) {
        await assert.rejects(dal.create.createUser(admin, { email: typed, name: "Second" }), (error: unknown) => {
          assert.ok(error instanceof dal.create.EmailTakenError);
          assert.equal(error.userId, holder.id);
          return true;
        });
      }
      // An OAuth sign-up may have stored mixed case: typed as stored, it is found too.
      const mixed = `Mixed-${randomUUID().slice(0, 6)}@Example.com`;
      const oauth = await adapter.createUser!({ id: "", email: mixed, emailVerified: null });
      await assert.rejects(
        dal.create.createUser(admin, { email: mixed }),
        (error: unknown) => error instanceof dal.create.EmailTakenError && error.userId === oauth.id,
      );
      assert.equal((await usersWithEmail(email)).length, 1, "no second user item");
      assert.equal((await usersWithEmail(mixed.toLowerCase())).length, 0);
      const entry = await lastAudit("create-user");
      assert.equal(entry?.result, "refused");
      assert.match(entry?.message ?? "", /already belongs to another user/);
    });

    test("an address Auth.js would refuse is refused, and nothing is written", async () => {
      for (const email of ['"eve@evil.test"@example.com', "ana@example.com,eve@evil.test", "no-at-sign"]) {
        await assert.rejects(dal.create.createUser(admin, { email }), dal.act.RefusedError, email);
      }
      assert.equal((await usersWithEmail("ana@example.com")).length, 0);
    });

    test("viewers are refused in the data layer and nothing is written", async () => {
      const email = fresh("viewer-made");
      await assert.rejects(dal.create.createUser(viewer, { email }), dal.authorize.ForbiddenError);
      await assert.rejects(dal.create.createUser(null, { email }), dal.authorize.ForbiddenError);
      assert.equal((await usersWithEmail(email)).length, 0);
      assert.equal(await adapter.getUserByEmail!(email), null);
    });
  });

  describe(`Send sign-in link (${names} key names)`, () => {
    test("the product emails its own magic link to the user's address, and the action is audited", async () => {
      const email = fresh("invited");
      const created = await dal.create.createUser(admin, { email, name: "Invited" });
      const userId = created.target!.userId!;
      const outcome = await dal.send.sendSignInLink(admin, { userId, reason: "onboarding" });
      assert.equal(outcome.result, "ok", outcome.message);
      assert.equal(outcome.message, `Sent: ${app.url} emailed its sign-in link to ${email}.`);

      const [message] = await mailsTo(email);
      assert.ok(message, "the product's mail arrived");
      const link = message.text.match(/http:\/\/127\.0\.0\.1:\d+\/api\/auth\/callback\/nodemailer\?\S+/)?.[0];
      assert.ok(link?.startsWith(`${app.url}/api/auth/callback/nodemailer?`), message.text);
      const params = new URL(link!).searchParams;
      assert.equal(params.get("email"), email);
      assert.equal(params.get("callbackUrl"), `${app.url}/`);
      // The product stored its (hashed) token through the adapter, under the user's address.
      const tokens = await dynamo.doc.query({
        TableName: product.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": pk },
        ExpressionAttributeValues: { ":pk": `VT#${email}` },
      });
      assert.equal(tokens.Items?.length, 1);
      assert.notEqual(tokens.Items?.[0]?.token, params.get("token"), "Gatehouse saw neither the token nor its hash; the product hashed it");

      const entry = await lastAudit("send-sign-in-link");
      assert.equal(entry?.result, "ok");
      assert.equal(entry?.reason, "onboarding");
      assert.equal(entry?.target.email, email);
      assert.equal(entry?.counts.sent, 1);
      assert.doesNotMatch(JSON.stringify(entry), new RegExp(params.get("token")!), "the audit entry holds no token");
    });

    test("a product that refuses the address is reported with its error, not thrown, and audited as failed", async () => {
      const email = fresh("refused", refusedDomain);
      const user = await adapter.createUser!({ id: "", email, emailVerified: null });
      await dal.block.blockUser(admin, { userId: user.id, reason: "fraud", duration: "24h" });
      const outcome = await dal.send.sendSignInLink(admin, { userId: user.id });
      assert.equal(outcome.result, "failed");
      assert.match(outcome.message, new RegExp(`did not send a link to ${email.replace(".", "\\.")}: AccessDenied\\. The user is blocked`));
      assert.deepEqual(await mailsTo(email), [], "no mail");
      const entry = await lastAudit("send-sign-in-link");
      assert.equal(entry?.result, "failed");
      assert.match(entry?.message ?? "", /AccessDenied/);
    });

    test("a product that is down, or is not Auth.js, is reported, not thrown", async () => {
      const down = `http://127.0.0.1:${await closedPort()}`;
      const unreachable = await dal.productSignIn.requestProductSignIn({ url: down, origin: down, emailProvider: "nodemailer" }, "ana@example.com");
      assert.deepEqual(unreachable, { sent: false, error: "it could not be reached (ECONNREFUSED)" });
      const wrongProvider = await dal.productSignIn.requestProductSignIn({ url: app.url, origin: app.url, emailProvider: "resend" }, fresh("nobody"));
      assert.deepEqual(wrongProvider, { sent: false, error: "Configuration" });
    });

    test("redirects are never followed: a product that points elsewhere gets no request sent there", async () => {
      const listen = async (handler: Parameters<typeof createServer>[1]) => {
        const server = createServer(handler);
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
      };
      const hits: string[] = [];
      const elsewhere = await listen((request, response) => {
        hits.push(request.url ?? "");
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ csrfToken: "from-elsewhere" }));
      });
      const redirecting = await listen((_request, response) => {
        response.statusCode = 302;
        response.setHeader("location", `${elsewhere.url}/api/auth/csrf`);
        response.end();
      });
      const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
      try {
        const answer = await dal.productSignIn.requestProductSignIn(
          { url: redirecting.url, origin: redirecting.url, emailProvider: "nodemailer" },
          "ana@example.com",
        );
        assert.deepEqual(answer, { sent: false, error: "its /api/auth/csrf answered HTTP 302" });
        assert.deepEqual(hits, [], "nothing was sent to where the redirect pointed");
      } finally {
        await close(redirecting.server);
        await close(elsewhere.server);
      }
    });

    test("viewers are refused, missing users are refused, and no mail goes out", async () => {
      const email = fresh("not-by-viewer");
      const user = await adapter.createUser!({ id: "", email, emailVerified: null });
      await assert.rejects(dal.send.sendSignInLink(viewer, { userId: user.id }), dal.authorize.ForbiddenError);
      await assert.rejects(dal.send.sendSignInLink(admin, { userId: randomUUID() }), dal.act.RefusedError);
      assert.deepEqual(await mailsTo(email), []);
    });
  });
}
