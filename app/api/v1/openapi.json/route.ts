import "@/lib/api/v1/routes";
import { openApiRoute } from "@/lib/api/v1/openapi";

export const GET = openApiRoute;
