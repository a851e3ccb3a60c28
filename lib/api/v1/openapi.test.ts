import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { inProcessConsoleEnv, testSchema } from "@/test/support/dynamo";

/** The OpenAPI document against the route files: every app/api/v1/**\/route.ts is in it, with the methods it exports, and nothing else is. */
const root = path.join(process.cwd(), "app/api/v1");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters: { name: string; in: string }[];
        responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
        security: unknown[];
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
let doc: Doc;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** `app/api/v1/users/[id]/route.ts` → `/api/v1/users/{id}`. */
const openApiPath = (file: string) =>
  "/api/v1/" +
  path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"))
    .join("/");

before(async () => {
  // No DynamoDB here: the document's own per-address limit (api-docs) is tested in test/support/api-suite.ts.
  Object.assign(process.env, inProcessConsoleEnv("http://127.0.0.1:1", testSchema("openapi")), { GATEHOUSE_RATE_LIMITS: "api-docs=off" });
  const response = await (await import("@/app/api/v1/openapi.json/route")).GET(new Request("http://localhost:3000/api/v1/openapi.json"), {
    params: Promise.resolve({}),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/json");
  doc = await response.json();
});

test("the document is OpenAPI 3.1 and every path has operations with responses", () => {
  assert.equal(doc.openapi, "3.1.0");
  assert.ok(Object.keys(doc.paths).length >= 8);
  const operationIds = new Set<string>();
  for (const [route, operations] of Object.entries(doc.paths)) {
    assert.ok(Object.keys(operations).length > 0, route);
    for (const [method, operation] of Object.entries(operations)) {
      assert.ok(HTTP_METHODS.includes(method.toUpperCase()), `${route} ${method}`);
      assert.ok(operation.operationId && !operationIds.has(operation.operationId), `unique operationId at ${route}`);
      operationIds.add(operation.operationId);
      assert.ok(operation.responses["200"]?.content?.["application/json"]?.schema, `${route} ${method}: 200 with a schema`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) assert.deepEqual(response.content?.["application/problem+json"]?.schema, { $ref: "#/components/schemas/Problem" });
      }
      for (const name of [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        assert.ok(
          operation.parameters.some((p) => p.in === "path" && p.name === name),
          `${route}: path parameter ${name} described`,
        );
      }
      if (route !== "/api/v1/openapi.json") assert.deepEqual(operation.security, [{ apiKey: [] }], `${route} needs a key`);
    }
  }
  assert.ok(doc.components.schemas.Problem);
  assert.ok(doc.components.securitySchemes.apiKey);
});

test("every route file is in the document with exactly the methods it exports, and vice versa", async () => {
  const files = routeFiles(root);
  const fromFiles = new Map<string, string[]>();
  for (const file of files) {
    const module = (await import(file)) as Record<string, unknown>;
    const methods = Object.keys(module).filter((name) => HTTP_METHODS.includes(name));
    assert.ok(methods.length > 0, `${file} exports a handler`);
    for (const method of methods) {
      const route = (module[method] as { route?: { path: string; method: string } }).route;
      assert.ok(route, `${file} ${method} is built with defineRoute`);
      assert.equal(route.path, openApiPath(file), `${file}: its definition's path matches its folder`);
      assert.equal(route.method, method, `${file}: exported as its own method`);
    }
    fromFiles.set(openApiPath(file), methods.sort());
  }
  const fromDoc = new Map(
    Object.entries(doc.paths).map(([route, operations]) => [
      route,
      Object.keys(operations)
        .map((m) => m.toUpperCase())
        .sort(),
    ]),
  );
  assert.deepEqual(Object.fromEntries([...fromDoc].sort()), Object.fromEntries([...fromFiles].sort()));
});

test("request and response schemas come from the zod schemas: limits, enums and required fields show", () => {
  const list = doc.paths["/api/v1/users"]!.get!;
  const limit = list.parameters.find((p) => p.name === "limit") as unknown as { schema: { maximum: number; minimum: number } };
  assert.equal(limit.schema.maximum, 100);
  assert.equal(limit.schema.minimum, 1);
  const revoke = doc.paths["/api/v1/users/{id}/sessions/revoke-all"]!.post as unknown as {
    requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> } } } };
  };
  const body = revoke.requestBody.content["application/json"].schema;
  assert.deepEqual(body.required, ["reason"]);
  assert.ok(body.properties.dryRun);
  const one = doc.paths["/api/v1/users/{id}/sessions/{fingerprint}/revoke"]!.post!;
  const fp = one.parameters.find((p) => p.name === "fingerprint") as unknown as { in: string; schema: { pattern: string } };
  assert.equal(fp.in, "path");
  assert.equal(fp.schema.pattern, "^[0-9a-f]{10}$");
  assert.ok(!JSON.stringify(one).includes("sessionToken"));
  const unlink = (
    doc.paths["/api/v1/users/{id}/accounts/unlink"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { required: string[]; properties: Record<string, unknown> } } } };
    }
  ).requestBody.content["application/json"].schema;
  assert.deepEqual(unlink.required.sort(), ["provider", "providerAccountId"]);
  assert.ok(unlink.properties.confirmEmail && unlink.properties.dryRun && unlink.properties.reason);
  const block = (
    doc.paths["/api/v1/users/{id}/block"]!.post as unknown as {
      requestBody: { content: { "application/json": { schema: { required: string[]; properties: { for: { enum: string[] } } } } } };
    }
  ).requestBody.content["application/json"].schema;
  assert.deepEqual(block.properties.for.enum, ["1h", "24h", "7d", "30d", "permanent"]);
  assert.deepEqual(block.required.sort(), ["for", "reason"]);
  assert.ok(doc.paths["/api/v1/users/{id}/unblock"]!.post);
  const remove = doc.paths["/api/v1/users/{id}"]!.delete! as unknown as {
    parameters: { name: string; in: string }[];
    requestBody: { required: boolean };
    "x-gatehouse-scope": string;
  };
  assert.equal(remove["x-gatehouse-scope"], "users:write");
  assert.equal(remove.requestBody.required, false, "reason and dryRun may come in the query");
  assert.deepEqual(
    remove.parameters
      .filter((p) => p.in === "query")
      .map((p) => p.name)
      .sort(),
    ["dryRun", "reason"],
  );
  const history = doc.paths["/api/v1/users/{id}/history"]!.get!;
  assert.deepEqual(history.parameters.map((p) => `${p.in}:${p.name}`).sort(), ["path:id", "query:cursor", "query:limit"]);
  assert.ok(JSON.stringify(history.responses["200"]).includes("nextCursor"));
  const exported = doc.paths["/api/v1/users/{id}/export"]!.get! as unknown as {
    "x-gatehouse-scope": string;
    responses: Record<string, { content: Record<string, { schema: { required: string[] } }> }>;
  };
  assert.equal(exported["x-gatehouse-scope"], "users:write");
  assert.ok(exported.responses["200"]!.content["application/json"]!.schema.required.includes("schemaVersion"));
  const search = doc.paths["/api/v1/users/search"]!.get! as unknown as {
    parameters: { name: string; in: string; required: boolean }[];
    "x-gatehouse-scope": string;
    responses: Record<string, { content: Record<string, { schema: { required: string[] } }> }>;
  };
  assert.equal(search["x-gatehouse-scope"], "read");
  assert.deepEqual(search.parameters.map((p) => `${p.in}:${p.name}:${p.required}`).sort(), ["query:cursor:false", "query:q:true"]);
  assert.deepEqual(search.responses["200"]!.content["application/json"]!.schema.required.sort(), ["done", "match", "nextCursor", "scanned", "users"]);
  const session = JSON.stringify(doc.paths["/api/v1/users/{id}/sessions"]!.get!.responses["200"]);
  assert.ok(session.includes("fingerprint") && !session.includes("sessionToken"));
});
