import { listAuditRoute } from "@/lib/features/audit/api";

export const GET = listAuditRoute;
