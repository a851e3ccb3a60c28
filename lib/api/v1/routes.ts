import "server-only";
import { apiRoutes } from "../route";
import "./accounts";
import "./audit";
import "./block";
import "./delete-user";
import "./jobs";
import "./openapi";
import "./sessions";
import "./user-data";
import "./users";

/** Every /api/v1/ route: importing this registers them all (each route file imports its own). */
export const v1Routes = apiRoutes;
