import type { NextConfig } from "next";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  serverExternalPackages: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "nodemailer"],
  // No experimental.serverActions.bodySizeLimit: every action keeps Next's 1 MB. The one large
  // body, Act on a list's whole list, goes to its own route (users/act-on-list/jobs, 4 MB, read with a cap).
  // proxy.ts sets the headers of everything else; the build's own files skip it. No HSTS here:
  // these are fixed at build time, before AUTH_URL is known (the pages send it).
  async headers() {
    const headers = Object.entries(securityHeaders({})).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
    ];
  },
  // The by-email lookup's first address, which scripts may still call: it is now
  // /api/v1/emails/{email}/user (the old one was an ambiguous path in the OpenAPI document).
  async rewrites() {
    return { beforeFiles: [{ source: "/api/v1/users/by-email/:email", destination: "/api/v1/emails/:email/user" }], afterFiles: [], fallback: [] };
  },
};

export default nextConfig;
