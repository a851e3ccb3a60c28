import { stepJobRoute } from "@/lib/api/v1/jobs";

export const POST = stepJobRoute;
