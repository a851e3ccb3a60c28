import { blockUserRoute } from "@/lib/features/block/api";

export const POST = blockUserRoute;
