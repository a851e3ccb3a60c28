# syntax=docker/dockerfile:1
#
# Gatehouse: the standalone Next.js server on Node 20, as a non-root user.
#
#   docker build -t gatehouse .
#   docker run --rm -p 3000:3000 --env-file gatehouse.env gatehouse
#
# Configuration is read at run time only (lib/config.ts); nothing from .env is baked in.
# See docs/deploying.md.

# Build and runtime share one base so the native binaries `npm ci` installs (sharp's libvips,
# esbuild) match the system that runs them. Pin it by digest for reproducible images.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- dependencies: the whole lockfile, dev tools included (the build needs them) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The CLI is a workspace of the root package: `npm ci` needs its manifest too.
COPY cli/package.json ./cli/
RUN npm ci --no-audit --no-fund

# --- build: `npm run build` = `next build` plus copying .next/static and public into .next/standalone ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# --- runtime: only the traced standalone output, no npm cache, no dev dependencies, no source ---
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# Two malloc arenas: with one per thread, resident memory grew by hundreds of MB under load that
# no heap held (docs/benchmark.md, "Memory under load").
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    NEXT_TELEMETRY_DISABLED=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Owned by root, so the server cannot rewrite its own code; only Next's cache directory is writable.
COPY --from=build /app/.next/standalone ./
RUN mkdir -p .next/cache && chown 1000:1000 .next/cache
# `node` (uid 1000) ships with the official image; numeric so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# No curl in slim images: node's own fetch. /api/health answers 503 while DynamoDB is unreachable
# or the configuration is invalid (it checks both with one DescribeTable).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Next's server handles SIGTERM itself (stops accepting, lets in-flight requests finish, exits),
# so no init wrapper is needed. Give it a grace period of 30 s or more (docker stop -t 30).
CMD ["node", "server.js"]
