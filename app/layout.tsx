import type { Metadata } from "next";
import { headers } from "next/headers";
import { ThemeScript } from "@/components/theme-script";
import { ThemeSync } from "@/components/theme-sync";
import { Toaster } from "@/components/ui/toaster";
import { nonceOf } from "@/lib/http/security-headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "The operator console for Auth.js on DynamoDB",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts puts the CSP on the request; reading it also makes every page render per request, as a nonce needs.
  const nonce = nonceOf((await headers()).get("content-security-policy"));
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen font-sans antialiased">
        {children}
        <ThemeSync />
        <Toaster />
      </body>
    </html>
  );
}
