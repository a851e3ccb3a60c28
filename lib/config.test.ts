import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, parseDynamoConfig, parseServerConfig } from "./config";

const secret = "s".repeat(40);

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error}`);
    return error.problems;
  }
  assert.fail("expected the configuration to be refused");
}

describe("DynamoDB configuration", () => {
  test("defaults to the embedded engine and the adapter's names", () => {
    const config = parseDynamoConfig({});
    assert.equal(config.engine, "embedded");
    assert.deepEqual(config.product, {
      tableName: "next-auth",
      partitionKey: "pk",
      sortKey: "sk",
      indexName: "GSI1",
      indexPartitionKey: "GSI1PK",
      indexSortKey: "GSI1SK",
    });
    assert.equal(config.gatehouse.tableName, "gatehouse");
    assert.deepEqual(config.credentials, { accessKeyId: "local", secretAccessKey: "local" });
  });

  test("a region selects AWS with the default credential chain", () => {
    const config = parseDynamoConfig({ AUTH_DYNAMODB_REGION: "eu-west-1" });
    assert.equal(config.engine, "aws");
    assert.equal(config.region, "eu-west-1");
    assert.equal(config.credentials, undefined);
  });

  test("explicit keys and an endpoint are used as given", () => {
    const config = parseDynamoConfig({
      AUTH_DYNAMODB_ENDPOINT: "http://localhost:8000",
      AUTH_DYNAMODB_ID: "AKID",
      AUTH_DYNAMODB_SECRET: "shh",
      AUTH_DYNAMODB_REGION: "us-east-1",
    });
    assert.equal(config.engine, "endpoint");
    assert.equal(config.endpoint, "http://localhost:8000");
    assert.deepEqual(config.credentials, { accessKeyId: "AKID", secretAccessKey: "shh" });
  });

  test("custom schema names flow into the product table; Gatehouse's own table keeps the defaults", () => {
    const config = parseDynamoConfig({
      AUTH_DYNAMODB_TABLE: "auth",
      AUTH_DYNAMODB_PARTITION_KEY: "PK",
      AUTH_DYNAMODB_SORT_KEY: "SK",
      AUTH_DYNAMODB_INDEX_NAME: "byLookup",
      AUTH_DYNAMODB_INDEX_PARTITION_KEY: "lookupPK",
      AUTH_DYNAMODB_INDEX_SORT_KEY: "lookupSK",
      GATEHOUSE_TABLE: "ops",
    });
    assert.deepEqual(config.product, {
      tableName: "auth",
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "byLookup",
      indexPartitionKey: "lookupPK",
      indexSortKey: "lookupSK",
    });
    assert.equal(config.gatehouse.partitionKey, "pk");
    assert.equal(config.gatehouse.tableName, "ops");
  });

  test("Gatehouse may share the product table, and then shares its schema", () => {
    const config = parseDynamoConfig({ AUTH_DYNAMODB_TABLE: "auth", AUTH_DYNAMODB_PARTITION_KEY: "PK", GATEHOUSE_TABLE: "auth" });
    assert.equal(config.gatehouse, config.product);
  });

  test("bad values name the variable and what is expected", () => {
    assert.match(
      problems(() => parseDynamoConfig({ AUTH_DYNAMODB_REGION: "Ireland" }))[0]!,
      /^AUTH_DYNAMODB_REGION: expected an AWS region such as eu-west-1 \(got "Ireland"\)/,
    );
    assert.match(problems(() => parseDynamoConfig({ AUTH_DYNAMODB_ENDPOINT: "localhost:8000" }))[0]!, /^AUTH_DYNAMODB_ENDPOINT: expected/);
    assert.match(problems(() => parseDynamoConfig({ AUTH_DYNAMODB_TABLE: "has space" }))[0]!, /^AUTH_DYNAMODB_TABLE: expected letters, digits/);
    assert.match(problems(() => parseDynamoConfig({ AUTH_DYNAMODB_ID: "AKID" }))[0]!, /AUTH_DYNAMODB_ID and AUTH_DYNAMODB_SECRET: expected both or neither/);
  });
});

describe("server configuration", () => {
  const local = { AUTH_DYNAMODB_ENDPOINT: "http://127.0.0.1:8000", AUTH_SECRET: secret, AUTH_URL: "http://localhost:3000" };

  test("parses allow-lists, session length and read-only mode", () => {
    const config = parseServerConfig({
      ...local,
      GATEHOUSE_ADMINS: " Ana@Example.com , @ops.example.com",
      GATEHOUSE_VIEWERS: "v@example.com",
      GATEHOUSE_SESSION_HOURS: "2",
      GATEHOUSE_READ_ONLY: "true",
    });
    assert.deepEqual(config.admins, ["ana@example.com", "@ops.example.com"]);
    assert.deepEqual(config.viewers, ["v@example.com"]);
    assert.equal(config.sessionMaxAgeSeconds, 7200);
    assert.equal(config.readOnly, true);
  });

  test("defaults to 8-hour sessions, and prints links when no SMTP is set on a local engine", () => {
    const config = parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com" });
    assert.equal(config.sessionMaxAgeSeconds, 8 * 3600);
    assert.equal(config.email.mode, "console");
  });

  test("uses SMTP when AUTH_EMAIL_SERVER is set", () => {
    const config = parseServerConfig({
      ...local,
      GATEHOUSE_ADMINS: "a@example.com",
      AUTH_EMAIL_SERVER: "smtp://127.0.0.1:2525",
      AUTH_EMAIL_FROM: "ops@example.com",
    });
    assert.deepEqual(config.email, { mode: "smtp", server: "smtp://127.0.0.1:2525", from: "ops@example.com" });
  });

  test("the embedded default has demo operators; elsewhere an allow-list is required", () => {
    const embedded = parseServerConfig({ GATEHOUSE_EMBEDDED_ENDPOINT: "http://127.0.0.1:8000", AUTH_SECRET: secret });
    assert.deepEqual(embedded.admins, ["admin@example.com"]);
    assert.match(problems(() => parseServerConfig(local)).join("\n"), /GATEHOUSE_ADMINS: expected at least one email/);
  });

  test("refuses a missing or short AUTH_SECRET without echoing it", () => {
    assert.match(
      problems(() =>
        parseServerConfig({ AUTH_DYNAMODB_ENDPOINT: "http://127.0.0.1:8000", AUTH_URL: "http://localhost:3000", GATEHOUSE_ADMINS: "a@example.com" }),
      )[0]!,
      /^AUTH_SECRET: required/,
    );
    const short = problems(() => parseServerConfig({ ...local, AUTH_SECRET: "tooshort", GATEHOUSE_ADMINS: "a@example.com" }))[0]!;
    assert.match(short, /^AUTH_SECRET: expected at least 32 characters/);
    assert.doesNotMatch(short, /tooshort/);
  });

  test("on AWS, some way to sign in must be configured", () => {
    const env = { AUTH_DYNAMODB_REGION: "eu-west-1", AUTH_SECRET: secret, GATEHOUSE_ADMINS: "a@example.com", AUTH_URL: "https://gatehouse.example.com" };
    assert.match(problems(() => parseServerConfig(env)).join("\n"), /AUTH_EMAIL_SERVER: expected an SMTP URL, or AUTH_OIDC_\*/);
    const sso = parseServerConfig({ ...env, AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "gatehouse", AUTH_OIDC_SECRET: "x" });
    assert.equal(sso.email.mode, "off");
    assert.equal(sso.oidc?.clientId, "gatehouse");
  });

  test("refuses half an OIDC setup, bad lists and bad numbers", () => {
    assert.match(
      problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", AUTH_OIDC_ISSUER: "https://id.example.com" })).join(),
      /AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET: expected all three or none/,
    );
    assert.match(problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "not-an-email" })).join(), /GATEHOUSE_ADMINS/);
    assert.match(
      problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_SESSION_HOURS: "-1" })).join(),
      /GATEHOUSE_SESSION_HOURS/,
    );
    assert.match(problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_READ_ONLY: "yes" })).join(), /GATEHOUSE_READ_ONLY/);
  });

  test("the OIDC issuer is https unless on loopback (Auth.js itself would accept plain http anywhere)", () => {
    const sso = (issuer: string) => ({
      ...local,
      GATEHOUSE_ADMINS: "a@example.com",
      AUTH_OIDC_ISSUER: issuer,
      AUTH_OIDC_ID: "gatehouse",
      AUTH_OIDC_SECRET: "x",
    });
    assert.match(
      problems(() => parseServerConfig(sso("http://id.example.com"))).join(),
      /AUTH_OIDC_ISSUER: expected an https URL off loopback \(got "http:\/\/id.example.com"\)/,
    );
    assert.match(problems(() => parseServerConfig(sso("http://127.0.0.1.example.com:9000"))).join(), /AUTH_OIDC_ISSUER: expected an https URL/);
    assert.match(problems(() => parseServerConfig(sso("ftp://id.example.com"))).join(), /AUTH_OIDC_ISSUER/);
    for (const issuer of ["https://id.example.com/realms/ops", "http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000"]) {
      assert.equal(parseServerConfig(sso(issuer)).oidc?.issuer, issuer);
    }
  });

  test("the embedded engine without npm start's endpoint says how to start", () => {
    assert.match(problems(() => parseServerConfig({ AUTH_SECRET: secret })).join(), /npm start/);
  });

  test("off the embedded default AUTH_URL is required, and https unless on loopback", () => {
    const { AUTH_URL: _, ...withoutUrl } = local;
    assert.match(
      problems(() => parseServerConfig({ ...withoutUrl, GATEHOUSE_ADMINS: "a@example.com" })).join(),
      /^AUTH_URL: required off the embedded default/,
    );
    assert.match(
      problems(() => parseServerConfig({ ...local, AUTH_URL: "http://gatehouse.example.com", GATEHOUSE_ADMINS: "a@example.com" })).join(),
      /AUTH_URL: expected an https URL off loopback/,
    );
    assert.match(
      problems(() => parseServerConfig({ ...local, AUTH_URL: "ftp://gatehouse.example.com", GATEHOUSE_ADMINS: "a@example.com" })).join(),
      /AUTH_URL/,
    );
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "https://gatehouse.example.com"]) {
      assert.equal(parseServerConfig({ ...local, AUTH_URL: url, GATEHOUSE_ADMINS: "a@example.com" }).url, url);
    }
    const embedded = parseServerConfig({ GATEHOUSE_EMBEDDED_ENDPOINT: "http://127.0.0.1:8000", AUTH_SECRET: secret });
    assert.equal(embedded.url, undefined);
    assert.equal(embedded.trustHost, true);
  });

  test("GATEHOUSE_PRODUCT_URL is optional, https unless on loopback, and names the product's email provider", () => {
    const base = { ...local, GATEHOUSE_ADMINS: "a@example.com" };
    assert.equal(parseServerConfig(base).product, undefined);
    assert.deepEqual(parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "https://app.example.com/home" }).product, {
      url: "https://app.example.com/home",
      origin: "https://app.example.com",
      emailProvider: "nodemailer",
    });
    assert.equal(
      parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "http://127.0.0.1:4000", GATEHOUSE_PRODUCT_EMAIL_PROVIDER: "resend" }).product?.emailProvider,
      "resend",
    );
    assert.match(
      problems(() => parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "http://app.example.com" })).join(),
      /GATEHOUSE_PRODUCT_URL: expected an https URL off loopback/,
    );
    assert.match(problems(() => parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "ftp://app.example.com" })).join(), /GATEHOUSE_PRODUCT_URL/);
    assert.match(
      problems(() => parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "https://u:p@app.example.com" })).join(),
      /GATEHOUSE_PRODUCT_URL: expected a URL without credentials/,
    );
    assert.match(
      problems(() => parseServerConfig({ ...base, GATEHOUSE_PRODUCT_URL: "https://app.example.com", GATEHOUSE_PRODUCT_EMAIL_PROVIDER: "../admin" })).join(),
      /GATEHOUSE_PRODUCT_EMAIL_PROVIDER/,
    );
  });

  test("the Host header is trusted only on the embedded default, with AUTH_URL, or with AUTH_TRUST_HOST", () => {
    const aws = {
      AUTH_DYNAMODB_REGION: "eu-west-1",
      AUTH_SECRET: secret,
      GATEHOUSE_ADMINS: "a@example.com",
      AUTH_EMAIL_SERVER: "smtp://127.0.0.1:2525",
      AUTH_URL: "https://gatehouse.example.com",
    };
    assert.equal(parseServerConfig(aws).trustHost, true);
    assert.equal(parseServerConfig({ ...aws, AUTH_TRUST_HOST: "true" }).trustHost, true);
    assert.match(problems(() => parseServerConfig({ ...aws, AUTH_TRUST_HOST: "maybe" })).join(), /AUTH_TRUST_HOST/);
  });

  test("development is next dev only (its CSP allows eval)", () => {
    assert.equal(parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com" }).development, false);
    assert.equal(parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", NODE_ENV: "production" }).development, false);
    assert.equal(parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", NODE_ENV: "development" }).development, true);
  });

  test("hardening settings have safe defaults and are validated", () => {
    const config = parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com" });
    assert.equal(config.trustedProxies, 0);
    assert.equal(config.idleSeconds, 30 * 60);
    assert.equal(config.stepUpSeconds, 15 * 60);
    assert.deepEqual(config.showAttributes, []);
    assert.equal(config.productSessionSeconds, 30 * 86400);
    assert.deepEqual(config.rateLimits["signin-email"], { max: 3, windowSeconds: 900 });
    assert.deepEqual(config.rateLimits["signin-ip"], { max: 10, windowSeconds: 60 });
    const tuned = parseServerConfig({
      ...local,
      GATEHOUSE_ADMINS: "a@example.com",
      GATEHOUSE_TRUSTED_PROXIES: "2",
      GATEHOUSE_IDLE_MINUTES: "10",
      GATEHOUSE_STEP_UP_MINUTES: "0",
      GATEHOUSE_SHOW_ATTRIBUTES: "plan, locale",
      GATEHOUSE_PRODUCT_SESSION_DAYS: "7",
      GATEHOUSE_RATE_LIMITS: "signin-email=5/1h, signin-ip=off, read-units=500/30s",
    });
    assert.equal(tuned.trustedProxies, 2);
    assert.equal(tuned.idleSeconds, 600);
    assert.equal(tuned.stepUpSeconds, 0);
    assert.deepEqual(tuned.showAttributes, ["plan", "locale"]);
    assert.equal(tuned.productSessionSeconds, 7 * 86400);
    assert.deepEqual(tuned.rateLimits["signin-email"], { max: 5, windowSeconds: 3600 });
    assert.equal(tuned.rateLimits["signin-ip"], null);
    assert.deepEqual(tuned.rateLimits["read-units"], { max: 500, windowSeconds: 30 });
    for (const bad of ["signin-email=3", "nope=1/1m", "signin-ip=10/1d", "signin-ip=-1/1m"]) {
      assert.match(
        problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_RATE_LIMITS: bad })).join(),
        /GATEHOUSE_RATE_LIMITS: expected name=count\/window pairs/,
        bad,
      );
    }
    assert.match(
      problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_TRUSTED_PROXIES: "-1" })).join(),
      /GATEHOUSE_TRUSTED_PROXIES/,
    );
    assert.match(
      problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_PRODUCT_SESSION_DAYS: "0" })).join(),
      /GATEHOUSE_PRODUCT_SESSION_DAYS/,
    );
    assert.match(
      problems(() => parseServerConfig({ ...local, GATEHOUSE_ADMINS: "a@example.com", GATEHOUSE_SHOW_ATTRIBUTES: "bad name" })).join(),
      /GATEHOUSE_SHOW_ATTRIBUTES/,
    );
  });
});
