import "server-only";
import { apiRoutes } from "../route";
import "@/lib/features/unlink/api";
import "@/lib/features/audit/api";
import "@/lib/features/block/api";
import "@/lib/features/delete-user/api";
import "@/lib/features/list-jobs/api";
import "./openapi";
import "@/lib/features/revoke/api";
import "@/lib/features/export/api";
import "@/lib/features/users/api";
import "@/lib/features/activity/api";

/** Every /api/v1/ route: importing this registers them all (each route file imports its own). */
export const v1Routes = apiRoutes;
