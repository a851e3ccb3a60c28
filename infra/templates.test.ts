import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parseDynamoConfig } from "@/lib/config";
import { createTableInput, diagnose, STREAM_VIEW_TYPE, TTL_ATTRIBUTE } from "@/lib/dynamo/table-health";
import { parseActivityConfig } from "@/lib/features/activity/config";

/**
 * The CloudFormation templates in infra/ are plain JSON: parsed here, their intrinsic functions
 * (Ref, Fn::Sub, the condition functions) resolved against parameter values, and the result
 * checked against what the console creates (`npm run setup`) and what it calls at run time.
 */

const root = path.resolve(import.meta.dirname, "..");

interface Parameter {
  Type: string;
  Default?: string;
  AllowedValues?: string[];
  AllowedPattern?: string;
}

interface Resource {
  Type?: unknown;
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties?: Record<string, unknown>;
}

interface Template {
  AWSTemplateFormatVersion?: unknown;
  Parameters?: Record<string, Parameter>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, Resource>;
  Outputs?: Record<string, { Condition?: string; Value?: unknown }>;
}

function load(file: string): Template {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, file), "utf8")) as Template;
}

const tables = load("tables.json");
const policies = load("iam-policies.json");
const activityLambda = load("activity-lambda.json");

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::Region": "eu-west-1",
  "AWS::AccountId": "123456789012",
  "AWS::StackName": "gatehouse",
};

function defaults(template: Template, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter.Default !== undefined) values[name] = parameter.Default;
  }
  for (const [name, value] of Object.entries(overrides)) {
    assert.ok(name in (template.Parameters ?? {}), `no parameter ${name}`);
    values[name] = value;
  }
  return values;
}

function sub(text: string, params: Record<string, string>): string {
  return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
    const value = params[name] ?? PSEUDO[name];
    assert.ok(value !== undefined, `Fn::Sub refers to unknown \${${name}}`);
    return value;
  });
}

/** Ref and Fn::Sub replaced by parameter values; any other intrinsic is a test failure. */
function resolve(value: unknown, params: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, params));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === "Ref") {
      const resolved = params[arg as string] ?? PSEUDO[arg as string];
      assert.ok(resolved !== undefined, `Ref to ${String(arg)} is not a parameter`);
      return resolved;
    }
    if (key === "Fn::Sub") {
      assert.equal(typeof arg, "string", "Fn::Sub with a variable map is not used here");
      return sub(arg as string, params);
    }
    // Known only once deployed: stands for itself, so a test can see what it points at.
    if (key === "Fn::GetAtt") return `GetAtt ${(arg as string[]).join(".")}`;
    assert.ok(!key.startsWith("Fn::"), `unexpected ${key} in resolved properties`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, params)]));
}

function condition(template: Template, name: string, params: Record<string, string>): boolean {
  const definition = template.Conditions?.[name];
  assert.ok(definition !== undefined, `no condition ${name}`);
  return evaluate(template, definition, params);
}

function evaluate(template: Template, expression: unknown, params: Record<string, string>): boolean {
  const [[fn, args]] = Object.entries(expression as Record<string, unknown>);
  const list = args as unknown[];
  switch (fn) {
    case "Fn::Equals":
      return resolve(list[0], params) === resolve(list[1], params);
    case "Fn::And":
      return list.every((e) => evaluate(template, e, params));
    case "Fn::Or":
      return list.some((e) => evaluate(template, e, params));
    case "Fn::Not":
      return !evaluate(template, list[0], params);
    case "Condition":
      return condition(template, args as string, params);
    default:
      assert.fail(`unexpected condition function ${fn}`);
  }
}

/** Every Ref and ${name} in a template, wherever it appears. */
function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) references(v, found);
  else if (value !== null && typeof value === "object") {
    for (const [key, arg] of Object.entries(value)) {
      if (key === "Ref" && typeof arg === "string") found.push(arg);
      else if (key === "Fn::Sub" && typeof arg === "string") {
        for (const match of arg.matchAll(/\$\{([^}!]+)\}/g)) found.push(match[1].split(".")[0]);
      } else if (key === "Fn::GetAtt" && Array.isArray(arg)) found.push(String(arg[0]));
      else references(arg, found);
    }
  }
  return found;
}

describe("every template", () => {
  for (const [file, template] of [
    ["tables.json", tables],
    ["iam-policies.json", policies],
    ["activity-lambda.json", activityLambda],
  ] as const) {
    test(`${file} is a CloudFormation template whose references all resolve`, () => {
      assert.equal(template.AWSTemplateFormatVersion, "2010-09-09");
      const resources = Object.entries(template.Resources ?? {});
      assert.ok(resources.length > 0, "no Resources");
      for (const [id, resource] of resources) {
        assert.equal(typeof resource.Type, "string", `${id} has no Type`);
        assert.match(resource.Type as string, /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/, `${id} has an odd Type`);
        if (resource.Condition) assert.ok(resource.Condition in (template.Conditions ?? {}), `${id}: unknown condition`);
      }
      const known = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources ?? {}), ...Object.keys(PSEUDO)]);
      for (const name of references(template)) assert.ok(known.has(name), `${file} refers to ${name}, which is neither a parameter nor a resource`);
      for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
        if (parameter.Default === undefined) continue;
        if (parameter.AllowedPattern) assert.match(parameter.Default, new RegExp(parameter.AllowedPattern), `${name}'s default fails its own pattern`);
        if (parameter.AllowedValues) assert.ok(parameter.AllowedValues.includes(parameter.Default), `${name}'s default is not allowed`);
      }
    });
  }
});

describe("tables.json", () => {
  const adapterDefaults = {
    TableName: "next-auth",
    PartitionKey: "pk",
    SortKey: "sk",
    IndexName: "GSI1",
    IndexPartitionKey: "GSI1PK",
    IndexSortKey: "GSI1SK",
  };
  const custom = {
    TableName: "custom-table-name",
    PartitionKey: "custom-pk",
    SortKey: "custom-sk",
    IndexName: "custom-index-name",
    IndexPartitionKey: "custom-index-pk",
    IndexSortKey: "custom-index-sk",
  };
  const schemaOf = (p: typeof adapterDefaults) => ({
    tableName: p.TableName,
    partitionKey: p.PartitionKey,
    sortKey: p.SortKey,
    indexName: p.IndexName,
    indexPartitionKey: p.IndexPartitionKey,
    indexSortKey: p.IndexSortKey,
  });

  /** The table's properties resolved, checked to be what `npm run setup` creates and what the doctor accepts. */
  function assertAdapterTable(resource: Resource | undefined, params: Record<string, string>, schema: ReturnType<typeof schemaOf>, stream = false) {
    assert.ok(resource, "table missing");
    assert.equal(resource.Type, "AWS::DynamoDB::Table");
    assert.equal(resource.DeletionPolicy, "Retain", "a stack deletion must not drop auth data");
    assert.equal(resource.UpdateReplacePolicy, "Retain");
    const props = resolve(resource.Properties, params) as Record<string, unknown>;
    const { StreamSpecification: streamSpec, ...expected } = createTableInput(schema, { stream });
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      assert.deepEqual(props[key], expected[key], `${key} differs from what \`npm run setup\` creates`);
    }
    // CloudFormation has no StreamEnabled: a StreamSpecification is a stream on.
    assert.deepEqual(props.StreamSpecification, streamSpec ? { StreamViewType: streamSpec.StreamViewType } : undefined, "the stream differs from setup's");
    assert.equal(props.BillingMode, "PAY_PER_REQUEST");
    assert.deepEqual(props.TimeToLiveSpecification, { AttributeName: TTL_ATTRIBUTE, Enabled: true });
    assert.equal(TTL_ATTRIBUTE, "expires");
    assert.deepEqual(props.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    // What DescribeTable / DescribeTimeToLive would report for it: the doctor must find nothing.
    const described = {
      TableName: schema.tableName,
      StreamSpecification: streamSpec,
      TableStatus: "ACTIVE" as const,
      AttributeDefinitions: expected.AttributeDefinitions,
      KeySchema: expected.KeySchema,
      GlobalSecondaryIndexes: expected.GlobalSecondaryIndexes.map((index) => ({ ...index, IndexStatus: "ACTIVE" as const })),
    };
    assert.deepEqual(diagnose(schema, described, { TimeToLiveStatus: "ENABLED", AttributeName: TTL_ATTRIBUTE }, { stream }), []);
  }

  test("parameters carry the adapter's defaults", () => {
    const params = defaults(tables);
    for (const [name, value] of Object.entries(adapterDefaults)) assert.equal(params[name], value, `${name} default`);
    assert.equal(params.GatehouseTableName, "gatehouse");
  });

  test("the product table is the adapter docs' table, with the default names", () => {
    const params = defaults(tables);
    assertAdapterTable(tables.Resources?.ProductTable, params, schemaOf(adapterDefaults), true);
    assert.equal(STREAM_VIEW_TYPE, "NEW_AND_OLD_IMAGES");
  });

  test("every product-table name comes from a parameter (custom schema)", () => {
    const params = defaults(tables, custom);
    assertAdapterTable(tables.Resources?.ProductTable, params, schemaOf(custom), true);
    const resolved = JSON.stringify(resolve(tables.Resources?.ProductTable?.Properties, params));
    for (const name of Object.values(adapterDefaults)) assert.ok(!resolved.includes(`"${name}"`), `"${name}" is hard-coded in the product table`);
  });

  test("the Gatehouse table uses the adapter's default names", () => {
    const params = defaults(tables, custom);
    assertAdapterTable(tables.Resources?.GatehouseTable, params, schemaOf({ ...adapterDefaults, TableName: "gatehouse" }));
  });

  test("conditions: the product table is optional, a shared table is created once", () => {
    const made = (overrides: Record<string, string>) => {
      const params = defaults(tables, overrides);
      return Object.entries(tables.Resources ?? {})
        .filter(([, r]) => !r.Condition || condition(tables, r.Condition, params))
        .map(([id]) => id)
        .sort();
    };
    assert.deepEqual(made({}), ["GatehouseTable", "ProductTable"]);
    assert.deepEqual(made({ CreateProductTable: "false" }), ["GatehouseTable"]);
    assert.deepEqual(made({ CreateGatehouseTable: "false" }), ["ProductTable"]);
    assert.deepEqual(made({ GatehouseTableName: "next-auth" }), ["ProductTable"]);
    for (const [id, output] of Object.entries(tables.Outputs ?? {})) {
      const target = references(output.Value)[0];
      assert.equal(output.Condition, tables.Resources?.[target]?.Condition, `output ${id} must share ${target}'s condition`);
    }
  });
});

/** The DynamoDB action each client method or command needs. */
const ACTIONS: Record<string, string> = {
  get: "GetItem",
  getItem: "GetItem",
  put: "PutItem",
  putItem: "PutItem",
  update: "UpdateItem",
  updateItem: "UpdateItem",
  delete: "DeleteItem",
  deleteItem: "DeleteItem",
  query: "Query",
  scan: "Scan",
  batchGet: "BatchGetItem",
  batchGetItem: "BatchGetItem",
  batchWrite: "BatchWriteItem",
  batchWriteItem: "BatchWriteItem",
  transactGet: "TransactGetItems",
  transactGetItems: "TransactGetItems",
  transactWrite: "TransactWriteItems",
  transactWriteItems: "TransactWriteItems",
  executeStatement: "PartiQL",
  batchExecuteStatement: "PartiQL",
  executeTransaction: "PartiQL",
  describeTable: "DescribeTable",
  describeTimeToLive: "DescribeTimeToLive",
  listTables: "ListTables",
  createTable: "CreateTable",
  deleteTable: "DeleteTable",
  updateTable: "UpdateTable",
  updateTimeToLive: "UpdateTimeToLive",
};

/** The DynamoDB actions a source file calls, by the clients' method names (`doc.put(`) and commands. */
function operations(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:doc|raw|client)\s*\.\s*([A-Za-z]+)\s*\(/g)) if (match[1] in ACTIONS) found.push(ACTIONS[match[1]]);
  for (const match of code.matchAll(/\bnew\s+([A-Za-z]+?)(?:Item)?Command\s*\(/g)) {
    const name = match[1].charAt(0).toLowerCase() + match[1].slice(1);
    assert.ok(name in ACTIONS, `unknown DynamoDB command ${match[0]}: map it in this test`);
    found.push(ACTIONS[name]);
  }
  return found;
}

/** What a stream reader needs, on `table/<name>/stream/*`: the console's poller and the activity Lambda alike. */
const STREAM_ACTIONS = ["DescribeStream", "GetRecords", "GetShardIterator", "ListStreams"];

describe("iam-policies.json", () => {
  type Kind = "product-table" | "product-index" | "product-stream" | "gatehouse-table" | "gatehouse-index";
  // The stream actions: the console's poller (GATEHOUSE_ACTIVITY=poll) reads the product table's stream.
  const readOnly = ["DescribeTable", "DescribeTimeToLive", "GetItem", "BatchGetItem", "Query", "Scan"]
    .map((a) => `${a} @ product-table`)
    .concat("Query @ product-index")
    .concat(STREAM_ACTIONS.map((a) => `${a} @ product-stream`));
  const expected: Record<string, string[]> = {
    GatehouseReadOnlyConsole: readOnly,
    // UpdateItem only for Block user, Unblock and Revoke all sessions' gatehouseRevokedAt: conditional
    // updates of existing user items (never a create). Anything new must be added here and in the policy, on purpose.
    GatehouseAdminConsole: [
      ...readOnly,
      "DeleteItem @ product-table",
      "BatchWriteItem @ product-table",
      "PutItem @ product-table",
      "UpdateItem @ product-table",
    ],
    GatehouseOwnTable: [
      ...["DescribeTable", "DescribeTimeToLive", "GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"].map(
        (a) => `${a} @ gatehouse-table`,
      ),
      "Query @ gatehouse-index",
    ],
  };
  const FORBIDDEN = [
    "TransactWriteItems",
    "TransactGetItems",
    "CreateTable",
    "DeleteTable",
    "UpdateTable",
    "UpdateTimeToLive",
    "PartiQLSelect",
    "PartiQLInsert",
    "PartiQLUpdate",
    "PartiQLDelete",
  ];

  interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    Resource?: unknown;
    NotAction?: unknown;
    NotResource?: unknown;
  }

  function statementsOf(id: string): Statement[] {
    const resource = policies.Resources?.[id];
    assert.ok(resource, `${id} missing`);
    assert.equal(resource.Type, "AWS::IAM::ManagedPolicy");
    const document = resource.Properties?.PolicyDocument as { Version?: string; Statement?: Statement[] };
    assert.equal(document.Version, "2012-10-17");
    assert.ok(Array.isArray(document.Statement) && document.Statement.length > 0, `${id} has no statements`);
    return document.Statement;
  }

  const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

  /** Which table (or index) a Resource entry names, resolved with distinct table names. */
  function kindOf(resource: unknown, params: Record<string, string>): Kind {
    assert.notEqual(resource, "*", 'a "*" resource');
    assert.ok(resource !== null && typeof resource === "object" && "Fn::Sub" in resource, `resource ${JSON.stringify(resource)} is not built with Fn::Sub`);
    const template = (resource as { "Fn::Sub": unknown })["Fn::Sub"];
    assert.equal(typeof template, "string");
    assert.match(template as string, /\$\{(TableName|GatehouseTableName)\}/, `${template} does not name a table parameter`);
    const arn = sub(template as string, params);
    const prefix = `arn:aws:dynamodb:${PSEUDO["AWS::Region"]}:${PSEUDO["AWS::AccountId"]}:table/`;
    const kinds: Record<string, Kind> = {
      [`${prefix}${params.TableName}`]: "product-table",
      [`${prefix}${params.TableName}/index/*`]: "product-index",
      [`${prefix}${params.TableName}/stream/*`]: "product-stream",
      [`${prefix}${params.GatehouseTableName}`]: "gatehouse-table",
      [`${prefix}${params.GatehouseTableName}/index/*`]: "gatehouse-index",
    };
    assert.ok(arn in kinds, `${arn} is not one of the two tables or their indexes`);
    return kinds[arn];
  }

  const params = defaults(policies, { TableName: "product-table-x", GatehouseTableName: "gatehouse-table-y" });

  test("parameters default to the console's defaults", () => {
    assert.deepEqual(defaults(policies), { TableName: "next-auth", GatehouseTableName: "gatehouse" });
  });

  test("exactly the three policies", () => {
    assert.deepEqual(Object.keys(policies.Resources ?? {}).sort(), Object.keys(expected).sort());
  });

  for (const [id, grants] of Object.entries(expected)) {
    test(`${id} grants exactly what the console uses`, () => {
      const granted: string[] = [];
      for (const statement of statementsOf(id)) {
        assert.equal(statement.Effect, "Allow");
        assert.equal(statement.NotAction, undefined, "NotAction grants everything else");
        assert.equal(statement.NotResource, undefined, "NotResource grants everything else");
        const actions = asList(statement.Action);
        const resources = asList(statement.Resource);
        assert.ok(actions.length > 0 && resources.length > 0);
        for (const action of actions) {
          assert.equal(typeof action, "string");
          assert.match(action as string, /^dynamodb:[A-Za-z]+$/, `${String(action)}: only plain DynamoDB actions, no wildcards`);
          for (const resource of resources) granted.push(`${(action as string).slice("dynamodb:".length)} @ ${kindOf(resource, params)}`);
        }
      }
      assert.equal(new Set(granted).size, granted.length, `${id} grants something twice`);
      assert.deepEqual([...granted].sort(), [...grants].sort());
    });
  }

  test("no wildcard, transaction or table-management action anywhere", () => {
    const text = JSON.stringify(policies);
    assert.ok(!/"dynamodb:[A-Za-z]*\*"/.test(text), "wildcard action");
    assert.ok(!text.includes('"*"'), 'a "*" action or resource');
    for (const action of FORBIDDEN) assert.ok(!text.includes(`dynamodb:${action}`), `${action} is granted`);
  });

  test("outputs export the three policy ARNs", () => {
    const targets = Object.values(policies.Outputs ?? {})
      .map((o) => references(o.Value)[0])
      .sort();
    assert.deepEqual(targets, Object.keys(expected).sort());
  });

  // DynamoDB Local does not enforce IAM, so no other test notices a call these policies refuse.
  describe("the policies cover the calls in the code", () => {
    /** Called only by `ensureTable` and `enableStream`, which only `npm run setup` (and test fixtures) use, with wider permissions. */
    const SETUP_ONLY = { file: path.join("lib", "dynamo", "table-health.ts"), actions: ["CreateTable", "UpdateTimeToLive", "UpdateTable"] };
    const allGranted = new Set(
      Object.keys(expected).flatMap((id) => statementsOf(id).flatMap((s) => asList(s.Action).map((a) => String(a).slice("dynamodb:".length)))),
    );
    const ownTable = new Set(statementsOf("GatehouseOwnTable").flatMap((s) => asList(s.Action).map((a) => String(a).slice("dynamodb:".length))));

    function sources(dir: string): string[] {
      return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(relative);
        // Tests and their fixtures run against DynamoDB Local with the setup step's permissions.
        return /\.(ts|tsx|mts)$/.test(entry.name) && !/(\.test\.m?ts|-suite\.ts)$/.test(entry.name) ? [relative] : [];
      });
    }

    test("every DynamoDB operation the console calls is granted by a policy", () => {
      const missing: string[] = [];
      let seen = 0;
      for (const file of [...sources("app"), ...sources("lib"), "proxy.ts"]) {
        for (const action of operations(readFileSync(path.join(root, file), "utf8"))) {
          seen++;
          if (file === SETUP_ONLY.file && SETUP_ONLY.actions.includes(action)) continue;
          if (!allGranted.has(action)) missing.push(`${file}: ${action}`);
        }
      }
      assert.ok(seen > 10, "found almost no DynamoDB calls: has the code's shape changed?");
      assert.deepEqual(
        missing,
        [],
        "calls the running console makes that no policy allows (add them to infra/iam-policies.json and this test, or move them to setup)",
      );
    });

    test("every operation of @auth/dynamodb-adapter is granted on the Gatehouse table", () => {
      const adapter = readFileSync(path.join(root, "node_modules", "@auth", "dynamodb-adapter", "index.js"), "utf8");
      const used = [...new Set([...adapter.matchAll(/\bclient\.([A-Za-z]+)\(/g)].map((m) => ACTIONS[m[1]] ?? `unknown method ${m[1]}`))];
      assert.ok(used.length >= 5, "the adapter's calls were not found");
      assert.deepEqual(
        used.filter((action) => !ownTable.has(action)),
        [],
      );
    });
  });
});

describe("activity-lambda.json", () => {
  const resources = activityLambda.Resources ?? {};
  const custom = {
    TableName: "acme-auth",
    PartitionKey: "PK",
    SortKey: "SK",
    IndexName: "ByLookup",
    IndexPartitionKey: "LPK",
    IndexSortKey: "LSK",
    GatehouseTableName: "acme-gatehouse",
    ActivityDays: "30",
    ActivityShards: "4",
    StreamArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/acme-auth/stream/2026-12-07T21:00:00.000",
    CodeS3Bucket: "acme-artifacts",
  };
  // A Ref to one of its own resources stands for itself, like Fn::GetAtt.
  const params = { ...defaults(activityLambda, custom), ...Object.fromEntries(Object.keys(resources).map((id) => [id, `Ref ${id}`])) };
  const props = (id: string) => {
    assert.ok(resources[id], `${id} missing`);
    return resolve(resources[id].Properties, params) as Record<string, unknown>;
  };

  test("parameters default to the console's defaults; the stream ARN and the code's bucket have none", () => {
    const values = defaults(activityLambda);
    for (const [name, value] of Object.entries({
      TableName: "next-auth",
      PartitionKey: "pk",
      SortKey: "sk",
      IndexName: "GSI1",
      IndexPartitionKey: "GSI1PK",
      IndexSortKey: "GSI1SK",
      GatehouseTableName: "gatehouse",
      ActivityDays: "90",
      ActivityShards: "8",
    }))
      assert.equal(values[name], value, name);
    assert.equal(values.StreamArn, undefined);
    assert.equal(values.CodeS3Bucket, undefined);
    assert.match(custom.StreamArn, new RegExp(activityLambda.Parameters?.StreamArn?.AllowedPattern ?? "^$"));
  });

  test("the function is the built bundle, and reads the console's variables as the console would", () => {
    const fn = props("ActivityFunction");
    assert.equal(resources.ActivityFunction?.Type, "AWS::Lambda::Function");
    assert.equal(fn.Handler, "index.handler", "dist/activity-lambda/index.mjs exports handler");
    assert.ok(["nodejs20.x", "nodejs22.x"].includes(fn.Runtime as string), String(fn.Runtime));
    assert.deepEqual(fn.Code, { S3Bucket: "acme-artifacts", S3Key: "gatehouse/activity-lambda.zip" });
    assert.equal(fn.Role, "GetAtt ActivityRole.Arn");
    const variables = (fn.Environment as { Variables: Record<string, string> }).Variables;
    const dynamo = parseDynamoConfig(variables);
    assert.equal(dynamo.engine, "aws", "AUTH_DYNAMODB_REGION is set: without it the handler would look for a local engine");
    assert.equal(dynamo.region, PSEUDO["AWS::Region"]);
    assert.equal(dynamo.credentials, undefined, "the role's credentials, never keys");
    assert.deepEqual(dynamo.product, {
      tableName: "acme-auth",
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "ByLookup",
      indexPartitionKey: "LPK",
      indexSortKey: "LSK",
    });
    assert.equal(dynamo.gatehouse.tableName, "acme-gatehouse");
    assert.deepEqual(parseActivityConfig(variables, dynamo.engine), { mode: "lambda", retentionDays: 30, shards: 4 });
  });

  test("the role reads only the product table's stream and Gatehouse's audit index, and writes only Gatehouse's table", () => {
    const role = props("ActivityRole") as { AssumeRolePolicyDocument: unknown; Policies: { PolicyDocument: { Statement: Record<string, unknown>[] } }[] };
    assert.deepEqual(role.AssumeRolePolicyDocument, {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const granted = role.Policies.flatMap((p) => p.PolicyDocument.Statement).flatMap((statement) => {
      assert.equal(statement.Effect, "Allow");
      assert.equal(statement.NotAction, undefined);
      assert.equal(statement.NotResource, undefined);
      const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      return actions.map((action) => `${action} @ ${statement.Resource}`);
    });
    const account = `${PSEUDO["AWS::Region"]}:${PSEUDO["AWS::AccountId"]}`;
    assert.deepEqual(
      granted.sort(),
      [
        ...STREAM_ACTIONS.map((a) => `dynamodb:${a} @ arn:aws:dynamodb:${account}:table/acme-auth/stream/*`),
        `dynamodb:PutItem @ arn:aws:dynamodb:${account}:table/acme-gatehouse`,
        `dynamodb:UpdateItem @ arn:aws:dynamodb:${account}:table/acme-gatehouse`,
        `dynamodb:BatchWriteItem @ arn:aws:dynamodb:${account}:table/acme-gatehouse`,
        // Which events an earlier delivery stored, and the audit log's day partition (attribution).
        `dynamodb:BatchGetItem @ arn:aws:dynamodb:${account}:table/acme-gatehouse`,
        `dynamodb:Query @ arn:aws:dynamodb:${account}:table/acme-gatehouse`,
        `dynamodb:Query @ arn:aws:dynamodb:${account}:table/acme-gatehouse/index/*`,
        `logs:CreateLogStream @ arn:aws:logs:${account}:log-group:/aws/lambda/gatehouse-activity:*`,
        `logs:PutLogEvents @ arn:aws:logs:${account}:log-group:/aws/lambda/gatehouse-activity:*`,
        "sqs:SendMessage @ GetAtt ActivityFailures.Arn",
      ].sort(),
    );
  });

  test("the event source mapping retries from the failed record, bisects, and reports what it gives up on", () => {
    const mapping = props("ActivityStreamMapping");
    assert.equal(resources.ActivityStreamMapping?.Type, "AWS::Lambda::EventSourceMapping");
    assert.equal(mapping.EventSourceArn, custom.StreamArn);
    assert.equal(mapping.FunctionName, "Ref ActivityFunction");
    assert.equal(mapping.StartingPosition, "TRIM_HORIZON", "from the oldest record the stream still holds (24 hours)");
    assert.equal(mapping.BisectBatchOnFunctionError, true);
    assert.deepEqual(mapping.FunctionResponseTypes, ["ReportBatchItemFailures"], "the handler reports the record it stopped at");
    const retries = mapping.MaximumRetryAttempts as number;
    assert.ok(
      Number.isInteger(retries) && retries >= 1 && retries <= 10_000,
      `MaximumRetryAttempts ${retries}: finite, so one bad record cannot hold the shard for 24 hours`,
    );
    assert.deepEqual(mapping.DestinationConfig, { OnFailure: { Destination: "GetAtt ActivityFailures.Arn" } });
    assert.equal(resources.ActivityFailures?.Type, "AWS::SQS::Queue");
  });

  /** lambda.ts and every file of ours it imports (`./x` and `@/x`), as the bundle contains them. */
  function lambdaSources(file = path.join("lib", "features", "activity", "lambda.ts"), seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const match of readFileSync(path.join(root, file), "utf8").matchAll(/^import (?!type )[^;]*? from "(\.{1,2}\/[^"]+|@\/[^"]+)";/gm)) {
      const target = match[1].startsWith("@/") ? match[1].slice(2) : path.join(path.dirname(file), match[1]);
      const found = [`${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")].find((candidate) => existsSync(path.join(root, candidate)));
      assert.ok(found, `${file} imports ${match[1]}, not found`);
      lambdaSources(found, seen);
    }
    return seen;
  }

  test("the role grants every DynamoDB operation in the Lambda's code", () => {
    const policies = (props("ActivityRole").Policies ?? []) as { PolicyDocument: { Statement: { Action: string[] }[] } }[];
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement);
    const granted = new Set(statements.flatMap((s) => s.Action).map((a) => a.replace(/^dynamodb:/, "")));
    const files = lambdaSources();
    assert.ok(files.has(path.join("lib", "features", "activity", "store.ts")), "the import graph was not followed");
    const missing: string[] = [];
    for (const file of files) {
      // Imported for TTL_ATTRIBUTE only; its table calls are setup's and the doctor's.
      if (file === path.join("lib", "dynamo", "table-health.ts")) continue;
      for (const action of operations(readFileSync(path.join(root, file), "utf8"))) if (!granted.has(action)) missing.push(`${file}: ${action}`);
    }
    assert.deepEqual(missing, [], "calls in the Lambda's code its role does not allow (add them to infra/activity-lambda.json and this file)");
  });
});
