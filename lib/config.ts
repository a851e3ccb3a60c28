import { z } from "zod";

/**
 * The only reader of process.env. Two parts: the DynamoDB side (used by the
 * server and by every script) and the operator sign-in side (server only).
 */

const DEMO_ADMIN = "admin@example.com";
const DEMO_VIEWER = "viewer@example.com";

const name = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.#-]{1,255}$/, "letters, digits, '_', '.', '-' or '#' (1-255 characters)")
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const emailList = z
  .string()
  .default("")
  .transform((raw) =>
    raw
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.union([z.email(), z.string().regex(/^@[a-z0-9.-]+\.[a-z]{2,}$/, "an email or an @domain")])));

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((v) => v === "true" || v === "1");

/** `name=count/window` pairs, e.g. `signin-email=3/15m,signin-ip=10/1m`; `name=off` lifts one. */
export const rateLimitNames = ["signin-email", "signin-ip", "read-units", "api-key", "api-auth", "api-docs"] as const;
export type RateLimitName = (typeof rateLimitNames)[number];
export interface RateLimit {
  max: number;
  windowSeconds: number;
}
export const defaultRateLimits: Record<RateLimitName, RateLimit | null> = {
  "signin-email": { max: 3, windowSeconds: 15 * 60 },
  "signin-ip": { max: 10, windowSeconds: 60 },
  "read-units": { max: 20_000, windowSeconds: 60 },
  /** Requests of one API key to /api/v1/. */
  "api-key": { max: 600, windowSeconds: 60 },
  /** Unknown, revoked or expired API keys sent from one client address to /api/v1/. */
  "api-auth": { max: 20, windowSeconds: 60 },
  /** Fetches of /api/v1/openapi.json from one client address (it needs no key). */
  "api-docs": { max: 60, windowSeconds: 60 },
};
const windowUnits = { s: 1, m: 60, h: 3600 } as const;
const rateLimits = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const limits = { ...defaultRateLimits };
    for (const entry of raw
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean)) {
      const match = entry.match(/^([a-z-]+)=(?:(off)|(\d{1,9})\/(\d{1,5})([smh]))$/);
      const limitName = match?.[1] as RateLimitName | undefined;
      if (!match || !limitName || !rateLimitNames.includes(limitName)) {
        ctx.addIssue({
          code: "custom",
          message: `name=count/window pairs such as signin-email=3/15m (names: ${rateLimitNames.join(", ")}; windows in s, m or h; or name=off)`,
        });
        return z.NEVER;
      }
      limits[limitName] = match[2] ? null : { max: Number(match[3]), windowSeconds: Number(match[4]) * windowUnits[match[5] as keyof typeof windowUnits] };
    }
    return limits;
  });

const dynamoEnv = z.object({
  AUTH_DYNAMODB_ID: optionalText,
  AUTH_DYNAMODB_SECRET: optionalText,
  AUTH_DYNAMODB_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$|^local$/, "an AWS region such as eu-west-1")
    .optional(),
  AUTH_DYNAMODB_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_DYNAMODB_TABLE: name("next-auth"),
  AUTH_DYNAMODB_PARTITION_KEY: name("pk"),
  AUTH_DYNAMODB_SORT_KEY: name("sk"),
  AUTH_DYNAMODB_INDEX_NAME: name("GSI1"),
  AUTH_DYNAMODB_INDEX_PARTITION_KEY: name("GSI1PK"),
  AUTH_DYNAMODB_INDEX_SORT_KEY: name("GSI1SK"),
  GATEHOUSE_TABLE: name("gatehouse"),
  /** Set by `npm start` for the embedded engine; not meant to be set by hand. */
  GATEHOUSE_EMBEDDED_ENDPOINT: z.url({ protocol: /^http$/ }).optional(),
  GATEHOUSE_DATA_DIR: z.string().trim().min(1).default(".data"),
});

const serverEnv = z.object({
  AUTH_SECRET: z.string().min(32, "at least 32 characters (e.g. `openssl rand -base64 33`)"),
  AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_TRUST_HOST: booleanFlag,
  GATEHOUSE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  GATEHOUSE_RATE_LIMITS: rateLimits,
  GATEHOUSE_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(30),
  GATEHOUSE_STEP_UP_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  GATEHOUSE_PRODUCT_SESSION_DAYS: z.coerce.number().positive().max(3650).default(30),
  GATEHOUSE_PRODUCT_URL: z.url({ protocol: /^https?$/, error: "the product's URL, such as https://app.example.com" }).optional(),
  GATEHOUSE_PRODUCT_EMAIL_PROVIDER: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "an Auth.js provider id such as nodemailer")
    .default("nodemailer"),
  GATEHOUSE_SHOW_ATTRIBUTES: z
    .string()
    .default("")
    .transform((raw) =>
      raw
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.#-]{1,255}$/, "attribute names such as plan,locale"))),
  AUTH_EMAIL_SERVER: z.url({ protocol: /^smtps?$/, error: "an SMTP URL such as smtp://user:pass@mail.example.com:587" }).optional(),
  AUTH_EMAIL_FROM: z.string().trim().min(3).default("Gatehouse <gatehouse@localhost>"),
  AUTH_OIDC_ISSUER: z.url().optional(),
  AUTH_OIDC_ID: optionalText,
  AUTH_OIDC_SECRET: optionalText,
  GATEHOUSE_ADMINS: emailList,
  GATEHOUSE_VIEWERS: emailList,
  GATEHOUSE_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  GATEHOUSE_READ_ONLY: booleanFlag,
  GATEHOUSE_PROVIDERS: z
    .string()
    .default("")
    .transform((raw) =>
      raw
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "provider ids such as github,google"))),
});

export type Engine = "embedded" | "endpoint" | "aws";

export interface TableSchema {
  tableName: string;
  partitionKey: string;
  sortKey: string;
  indexName: string;
  indexPartitionKey: string;
  indexSortKey: string;
}

export interface DynamoConfig {
  engine: Engine;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  product: TableSchema;
  gatehouse: TableSchema;
  dataDir: string;
}

export interface ServerConfig {
  dynamo: DynamoConfig;
  secret: string;
  url?: string;
  /** Whether Auth.js may take the origin from the Host header (embedded, AUTH_TRUST_HOST, or AUTH_URL set). */
  trustHost: boolean;
  /** How many reverse proxies in front of the console append to X-Forwarded-For. */
  trustedProxies: number;
  rateLimits: Record<RateLimitName, RateLimit | null>;
  idleSeconds: number;
  /** 0: step-up off. */
  stepUpSeconds: number;
  /** Extra attribute names the raw-item view shows in clear. */
  showAttributes: string[];
  /** The product's Auth.js session `maxAge`, for "Last active ≈" (newest session's expires minus it). */
  productSessionSeconds: number;
  /**
   * The product whose Auth.js Gatehouse asks to send its own magic link (Send sign-in link): its
   * origin (the only host Gatehouse ever calls for it) and its email provider's id.
   */
  product?: { url: string; origin: string; emailProvider: string };
  /** `next dev` (NODE_ENV=development): the CSP then allows the eval React's dev tools need. */
  development: boolean;
  email: { mode: "smtp"; server: string; from: string } | { mode: "console"; from: string } | { mode: "off" };
  oidc?: { issuer: string; clientId: string; clientSecret: string };
  admins: string[];
  viewers: string[];
  sessionMaxAgeSeconds: number;
  readOnly: boolean;
  /** Providers to offer on /accounts before any are discovered in the table. */
  providers: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Parses variables with `schema`, each problem named by its variable and what was expected (a secret's value never shown). */
export function parse<T extends z.ZodType>(schema: T, env: Env): z.output<T> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.join(".") || "environment";
      const got = typeof issue.path[0] === "string" ? cleaned[issue.path[0]] : undefined;
      if (got === undefined) return `${variable}: required, but not set`;
      const expected = issue.message.replace(/^Invalid (input|string)?:?\s*/i, "").replace(/^expected /, "");
      const shown = /SECRET|PASSWORD|SERVER/.test(variable) ? "the value given is not" : `got "${got}"`;
      return `${variable}: expected ${expected} (${shown})`;
    }),
  );
}

const GATEHOUSE_SCHEMA_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
} as const;

export function parseDynamoConfig(env: Env): DynamoConfig {
  const e = parse(dynamoEnv, env);
  const problems: string[] = [];
  if (Boolean(e.AUTH_DYNAMODB_ID) !== Boolean(e.AUTH_DYNAMODB_SECRET)) {
    problems.push("AUTH_DYNAMODB_ID and AUTH_DYNAMODB_SECRET: expected both or neither (only one is set)");
  }
  const engine: Engine = e.AUTH_DYNAMODB_ENDPOINT ? "endpoint" : e.AUTH_DYNAMODB_REGION ? "aws" : "embedded";
  const endpoint = e.AUTH_DYNAMODB_ENDPOINT ?? (engine === "embedded" ? e.GATEHOUSE_EMBEDDED_ENDPOINT : undefined);
  if (problems.length) throw new ConfigError(problems);

  const product: TableSchema = {
    tableName: e.AUTH_DYNAMODB_TABLE,
    partitionKey: e.AUTH_DYNAMODB_PARTITION_KEY,
    sortKey: e.AUTH_DYNAMODB_SORT_KEY,
    indexName: e.AUTH_DYNAMODB_INDEX_NAME,
    indexPartitionKey: e.AUTH_DYNAMODB_INDEX_PARTITION_KEY,
    indexSortKey: e.AUTH_DYNAMODB_INDEX_SORT_KEY,
  };
  // Gatehouse's own table uses the adapter's defaults, unless it is the product table itself.
  const gatehouse: TableSchema = e.GATEHOUSE_TABLE === product.tableName ? product : { tableName: e.GATEHOUSE_TABLE, ...GATEHOUSE_SCHEMA_KEYS };

  const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };
  return {
    engine,
    endpoint,
    region: e.AUTH_DYNAMODB_REGION ?? "local",
    credentials:
      e.AUTH_DYNAMODB_ID && e.AUTH_DYNAMODB_SECRET
        ? { accessKeyId: e.AUTH_DYNAMODB_ID, secretAccessKey: e.AUTH_DYNAMODB_SECRET }
        : engine === "aws"
          ? undefined
          : localCredentials,
    product,
    gatehouse,
    dataDir: e.GATEHOUSE_DATA_DIR,
  };
}

function isHttpsOrLoopback(raw: string) {
  const url = new URL(raw);
  return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
}

export function parseServerConfig(env: Env): ServerConfig {
  const dynamo = parseDynamoConfig(env);
  const e = parse(serverEnv, env);
  const problems: string[] = [];

  if (dynamo.engine === "embedded" && !dynamo.endpoint) {
    problems.push(
      "AUTH_DYNAMODB_REGION or AUTH_DYNAMODB_ENDPOINT: expected one of them, or start the console with `npm start`, which runs the embedded DynamoDB Local",
    );
  }
  const oidcParts = [e.AUTH_OIDC_ISSUER, e.AUTH_OIDC_ID, e.AUTH_OIDC_SECRET].filter(Boolean).length;
  if (oidcParts !== 0 && oidcParts !== 3) {
    problems.push("AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET: expected all three or none");
  }
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: clientId, AUTH_OIDC_SECRET: clientSecret } = e;
  const oidc = issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
  // Auth.js fetches discovery, tokens and userinfo with oauth4webapi's allowInsecureRequests on,
  // so this is the only place a plain-http issuer is stopped.
  if (e.AUTH_OIDC_ISSUER && !isHttpsOrLoopback(e.AUTH_OIDC_ISSUER)) {
    problems.push(`AUTH_OIDC_ISSUER: expected an https URL off loopback (got "${e.AUTH_OIDC_ISSUER}")`);
  }

  // Printing the link to the terminal is for local engines only; against AWS mail must really be sent.
  const email: ServerConfig["email"] = e.AUTH_EMAIL_SERVER
    ? { mode: "smtp", server: e.AUTH_EMAIL_SERVER, from: e.AUTH_EMAIL_FROM }
    : dynamo.engine === "aws"
      ? { mode: "off" }
      : { mode: "console", from: e.AUTH_EMAIL_FROM };
  if (email.mode === "off" && !oidc) {
    problems.push("AUTH_EMAIL_SERVER: expected an SMTP URL, or AUTH_OIDC_* for SSO (operators have no way to sign in)");
  }

  let admins = e.GATEHOUSE_ADMINS;
  let viewers = e.GATEHOUSE_VIEWERS;
  if (admins.length === 0 && viewers.length === 0) {
    if (dynamo.engine === "embedded") {
      admins = [DEMO_ADMIN];
      viewers = [DEMO_VIEWER];
    } else {
      problems.push("GATEHOUSE_ADMINS: expected at least one email or @domain (GATEHOUSE_ADMINS or GATEHOUSE_VIEWERS)");
    }
  }
  if (dynamo.engine !== "embedded") {
    if (!e.AUTH_URL) {
      problems.push("AUTH_URL: required off the embedded default: the console's public URL, e.g. https://gatehouse.example.com");
    } else {
      if (!isHttpsOrLoopback(e.AUTH_URL)) problems.push(`AUTH_URL: expected an https URL off loopback (got "${e.AUTH_URL}")`);
    }
  }
  if (e.GATEHOUSE_PRODUCT_URL && !isHttpsOrLoopback(e.GATEHOUSE_PRODUCT_URL)) {
    problems.push(`GATEHOUSE_PRODUCT_URL: expected an https URL off loopback (got "${e.GATEHOUSE_PRODUCT_URL}")`);
  } else if (e.GATEHOUSE_PRODUCT_URL && new URL(e.GATEHOUSE_PRODUCT_URL).username) {
    problems.push("GATEHOUSE_PRODUCT_URL: expected a URL without credentials in it");
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    dynamo,
    secret: e.AUTH_SECRET,
    url: e.AUTH_URL,
    trustHost: dynamo.engine === "embedded" || e.AUTH_TRUST_HOST || Boolean(e.AUTH_URL),
    trustedProxies: e.GATEHOUSE_TRUSTED_PROXIES,
    rateLimits: e.GATEHOUSE_RATE_LIMITS,
    idleSeconds: e.GATEHOUSE_IDLE_MINUTES * 60,
    stepUpSeconds: e.GATEHOUSE_STEP_UP_MINUTES * 60,
    showAttributes: e.GATEHOUSE_SHOW_ATTRIBUTES,
    productSessionSeconds: Math.round(e.GATEHOUSE_PRODUCT_SESSION_DAYS * 86400),
    product: e.GATEHOUSE_PRODUCT_URL
      ? { url: e.GATEHOUSE_PRODUCT_URL, origin: new URL(e.GATEHOUSE_PRODUCT_URL).origin, emailProvider: e.GATEHOUSE_PRODUCT_EMAIL_PROVIDER }
      : undefined,
    development: env.NODE_ENV === "development",
    email,
    oidc,
    admins,
    viewers,
    sessionMaxAgeSeconds: Math.round(e.GATEHOUSE_SESSION_HOURS * 3600),
    readOnly: e.GATEHOUSE_READ_ONLY,
    providers: e.GATEHOUSE_PROVIDERS,
  };
}

export const demoOperators = { admin: DEMO_ADMIN, viewer: DEMO_VIEWER };

let dynamoCache: DynamoConfig | undefined;
let serverCache: ServerConfig | undefined;

/** Lazily parsed so that `next build` never needs the runtime environment. */
export function dynamoConfig(): DynamoConfig {
  dynamoCache ??= parseDynamoConfig(process.env);
  return dynamoCache;
}

export function serverConfig(): ServerConfig {
  serverCache ??= parseServerConfig(process.env);
  return serverCache;
}
