import { exportUserRoute } from "@/lib/api/v1/user-data";

export const GET = exportUserRoute;
