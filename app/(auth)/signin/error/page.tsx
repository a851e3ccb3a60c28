import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages: Record<string, { title: string; text: string }> = {
  Verification: { title: "This link no longer works", text: "Sign-in links work once and expire after 15 minutes. Ask for a new one." },
  EmailNotVerified: {
    title: "Email address not verified",
    text: "Your identity provider has not verified this email address, so Gatehouse cannot trust it. Verify it there (or ask its admin to), then sign in again.",
  },
  AccessDenied: { title: "Not allowed", text: "This account is not allowed to use this Gatehouse." },
  Configuration: { title: "Sign-in is misconfigured", text: "The server could not complete the sign-in. Its log says why." },
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && Object.hasOwn(messages, error) && messages[error]) || {
    title: "Sign-in did not complete",
    text: "Something went wrong while signing you in. Try again.",
  };
  return (
    <div className="space-y-4 text-center">
      <span className="icon icon-triangle-exclamation-point mx-auto block size-10 text-warning" aria-hidden />
      <h1 className="text-xl font-semibold tracking-tight">{message.title}</h1>
      <p className="text-sm text-fg-muted">{message.text}</p>
      <Link href="/signin" className="inline-block text-sm font-medium text-accent hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
