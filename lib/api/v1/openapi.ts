import "server-only";
import { z } from "zod";
import { openApiDocument } from "../openapi";
import { apiRoutes, defineRoute } from "../route";

export const openApiRoute = defineRoute({
  method: "GET",
  path: "/api/v1/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This document (OpenAPI 3.1)",
  scope: null,
  clientLimit: "api-docs",
  response: z.looseObject({ openapi: z.literal("3.1.0") }),
  handle: async () => openApiDocument(apiRoutes),
});
