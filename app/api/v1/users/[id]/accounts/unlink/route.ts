import { unlinkAccountRoute } from "@/lib/features/unlink/api";

export const POST = unlinkAccountRoute;
