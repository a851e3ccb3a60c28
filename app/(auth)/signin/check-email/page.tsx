import type { Metadata } from "next";
import Link from "next/link";
import { MailCheck } from "lucide-react";
import { signInOptions } from "@/lib/dal/sign-in-options";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage() {
  const { linkInTerminal } = await signInOptions();
  return (
    <div className="space-y-4 text-center">
      <MailCheck className="mx-auto size-10 text-accent" aria-hidden />
      <h1 className="text-xl font-semibold tracking-tight">{linkInTerminal ? "Your link is in the terminal" : "Check your email"}</h1>
      <p className="text-sm text-fg-muted">
        {linkInTerminal
          ? "No mail server is configured, so the sign-in link was printed in the terminal where Gatehouse runs. Open it in this browser."
          : "A sign-in link is on its way. It works once and expires in 15 minutes."}
      </p>
      <Link href="/signin" className="inline-block text-sm font-medium text-accent hover:underline">
        Use another address
      </Link>
    </div>
  );
}
