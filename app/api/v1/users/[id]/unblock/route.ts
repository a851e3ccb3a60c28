import { unblockUserRoute } from "@/lib/features/block/api";

export const POST = unblockUserRoute;
