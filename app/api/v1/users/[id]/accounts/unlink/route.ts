import { unlinkAccountRoute } from "@/lib/api/v1/accounts";

export const POST = unlinkAccountRoute;
