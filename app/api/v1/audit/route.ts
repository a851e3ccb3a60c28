import { listAuditRoute } from "@/lib/api/v1/audit";

export const GET = listAuditRoute;
