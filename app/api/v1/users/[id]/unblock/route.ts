import { unblockUserRoute } from "@/lib/api/v1/block";

export const POST = unblockUserRoute;
