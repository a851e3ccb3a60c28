import { blockUserRoute } from "@/lib/api/v1/block";

export const POST = blockUserRoute;
