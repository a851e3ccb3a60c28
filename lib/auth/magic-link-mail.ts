import "server-only";
import { createTransport } from "nodemailer";
import type { ServerConfig } from "@/lib/config";

interface LinkRequest {
  identifier: string;
  url: string;
  expires: Date;
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Sends the magic link by SMTP, or, on a local engine without SMTP, prints it to the server's terminal. */
export async function sendMagicLink(email: ServerConfig["email"], { identifier, url, expires }: LinkRequest) {
  if (email.mode === "console") {
    console.log(`\n  ┌ Gatehouse sign-in link for ${identifier} (valid until ${expires.toISOString()}):\n  └ ${url}\n`);
    return;
  }
  if (email.mode !== "smtp") throw new Error("Email sign-in is not configured");
  const host = new URL(url).host;
  const transport = createTransport(email.server);
  const result = await transport.sendMail({
    to: identifier,
    from: email.from,
    subject: `Sign in to Gatehouse (${host})`,
    text: `Sign in to Gatehouse on ${host}:\n${url}\n\nThe link works once and expires at ${expires.toUTCString()}.\nIf you did not ask for it, ignore this email.\n`,
    html: `<p>Sign in to Gatehouse on <strong>${escapeHtml(host)}</strong>:</p><p><a href="${escapeHtml(url)}">Sign in</a></p><p>The link works once and expires at ${escapeHtml(expires.toUTCString())}. If you did not ask for it, ignore this email.</p>`,
  });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])];
  if (failed.length) throw new Error(`Email to ${failed.join(", ")} could not be sent`);
}
