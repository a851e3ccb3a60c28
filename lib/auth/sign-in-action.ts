"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/index";
import { TOO_MANY_PATH } from "@/lib/auth/sign-in-gate";
import { safeCallbackPath } from "@/lib/http/safe-redirect";

export interface SignInState {
  error?: string;
  email?: string;
}

const emailForm = z.object({
  email: z.email("Enter a valid email address.").max(254, "That address is too long."),
  callbackUrl: z.string().optional(),
});

export async function requestMagicLink(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = emailForm.safeParse({ email: String(formData.get("email") ?? "").trim(), callbackUrl: formData.get("callbackUrl") ?? undefined });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email: String(formData.get("email") ?? "") };
  let next: URL;
  try {
    const url: string = await signIn("nodemailer", {
      email: parsed.data.email.toLowerCase(),
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
      redirect: false,
    });
    next = new URL(url, "http://gatehouse.invalid");
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AuthError) {
      console.error(`[sign-in] ${error.type}: ${error.message}`);
      return { error: "The sign-in link could not be sent. Try again, or ask an admin to check the mail settings.", email: parsed.data.email };
    }
    throw error;
  }
  if (next.pathname === TOO_MANY_PATH) redirect(`${next.pathname}${next.search}`);
  if (next.searchParams.has("error")) {
    return { error: "The sign-in link could not be sent. Try again, or ask an admin to check the mail settings.", email: parsed.data.email };
  }
  redirect("/signin/check-email");
}

export async function signInWithSso(formData: FormData) {
  await signIn("sso", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}
