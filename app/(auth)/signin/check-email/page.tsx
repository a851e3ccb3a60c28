import type { Metadata } from "next";
import Link from "next/link";
import { signInOptions } from "@/lib/auth/sign-in-options";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  const { linkInTerminal } = await signInOptions();
  return (
    <div className="space-y-4 text-center">
      <span className="icon icon-mail-check mx-auto block size-10 text-accent" aria-hidden />
      <h1 className="text-xl font-semibold tracking-tight">{linkInTerminal ? "Look in the terminal" : "Check your email"}</h1>
      {/* The same words whether or not the address may sign in: this page must not tell operators from strangers. */}
      <p className="text-sm text-fg-muted">
        {linkInTerminal
          ? "If this address may sign in, its link is printed in the terminal where Gatehouse runs (no mail server is configured). Open it in this browser."
          : "If this address may sign in, a link is on its way. It works once and expires in 15 minutes."}
      </p>
      <p className="text-xs text-fg-muted">No link? Only addresses an admin has allow-listed in GATEHOUSE_ADMINS or GATEHOUSE_VIEWERS get one.</p>
      <Link href="/signin" className="inline-block text-sm font-medium text-accent hover:underline">
        Use another address
      </Link>
    </div>
  );
}
