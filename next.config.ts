import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  serverExternalPackages: ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "nodemailer"],
  experimental: {
    // Act on a list sends its whole list (up to 10,000 entries of up to 254 characters) in one
    // action, as POST /api/v1/jobs takes it (maxBodyBytes there); every other action stays far below.
    serverActions: { bodySizeLimit: "4mb" },
  },
  // proxy.ts sets the headers of everything else; the build's own files skip it. No HSTS here:
  // these are fixed at build time, before AUTH_URL is known (the pages send it).
  async headers() {
    const headers = Object.entries(securityHeaders({})).map(([key, value]) => ({ key, value }));
    return [
      { source: "/_next/static/:path*", headers },
      { source: "/_next/image", headers },
    ];
  },
};

export default nextConfig;
