import { exportUserRoute } from "@/lib/features/export/api";

export const GET = exportUserRoute;
