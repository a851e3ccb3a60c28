import { probeDynamo } from "@/lib/features/overview/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await probeDynamo();
  return Response.json(result, { status: result.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
