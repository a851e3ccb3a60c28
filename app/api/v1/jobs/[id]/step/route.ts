import { stepJobRoute } from "@/lib/features/list-jobs/api";

export const POST = stepJobRoute;
