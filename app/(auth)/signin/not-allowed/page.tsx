import type { Metadata } from "next";
import Link from "next/link";
import { ShieldX } from "lucide-react";

export const metadata: Metadata = { title: "Not allowed" };

export default async function NotAllowedPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const { email } = await searchParams;
  const address = typeof email === "string" && email.length <= 254 ? email : null;
  return (
    <div className="space-y-4 text-center">
      <ShieldX className="mx-auto size-10 text-danger" aria-hidden />
      <h1 className="text-xl font-semibold tracking-tight">Not allowed</h1>
      <p className="text-sm text-fg-muted">
        {address ? <strong className="font-medium text-fg">{address}</strong> : "This address"} is not allowed to use this Gatehouse. No sign-in link was sent.
      </p>
      <p className="text-xs text-fg-muted">An admin can add it to GATEHOUSE_ADMINS or GATEHOUSE_VIEWERS.</p>
      <Link href="/signin" className="inline-block text-sm font-medium text-accent hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
