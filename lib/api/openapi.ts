import "server-only";
import { z } from "zod";
import { scopes } from "@/lib/auth/roles";
import type { AnyApiRoute } from "./route";
import { problemSchema } from "./v1/schemas";

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

/** OpenAPI 3.1 for /api/v1/, built from the very zod schemas that validate requests and shape responses. */
export function openApiDocument(routes: readonly AnyApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const secured = route.scope !== null;
    const methods = paths[route.path] ?? {};
    paths[route.path] = methods;
    methods[route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(secured ? { security: [{ apiKey: [] }], "x-gatehouse-scope": route.scope } : { security: [] }),
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      ...(route.body
        ? { requestBody: { required: route.method === "POST", content: { "application/json": { schema: jsonSchema(route.body, "input") } } } }
        : {}),
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: jsonSchema(route.response, "output") } } },
        ...(route.params || route.query || route.body ? { "400": problem("Invalid request: `errors` names each field") } : {}),
        ...(secured
          ? {
              "401": problem("No API key, or one that is unknown, revoked or expired"),
              "403": problem(`The key lacks the ${route.scope} scope, or its creator is no longer an admin`),
              "429": problem(
                "Over the key's rate limit (api-key), or too many failed keys from this client address (api-auth); Retry-After says when to come back",
              ),
            }
          : route.clientLimit
            ? { "429": problem(`Over this client address's limit (${route.clientLimit}); Retry-After says when to come back`) }
            : {}),
        ...(route.params ? { "404": problem("No such resource") } : {}),
        ...(route.method !== "GET" ? { "409": problem("Refused: a precondition is not met; nothing changed") } : {}),
        "503": problem("DynamoDB is unreachable; nothing changed"),
      },
    };
  }
  return {
    openapi: "3.1.0" as const,
    info: {
      title: "Gatehouse management API",
      version: "1",
      // No license is granted for the API (the project has none yet): say so rather than leave clients guessing.
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      description: `Authenticate with \`Authorization: Bearer gh_...\` (create a key at /settings/api-keys). Scopes: ${scopes.join(", ")}. Errors are application/problem+json (RFC 9457).`,
    },
    // Relative: the console that served this document, whatever origin it is reached at.
    servers: [{ url: "/", description: "The console that served this document" }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A Gatehouse API key, gh_..." } },
      schemas: { Problem: jsonSchema(problemSchema, "output") },
    },
  };
}
