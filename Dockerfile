# syntax=docker/dockerfile:1
# Manifold as an image: the Next.js standalone server on Node 24 LTS, run as a non-root user.
# Build for several platforms and publish one manifest list (README, "Run it for a team"):
#   docker buildx build --platform linux/amd64,linux/arm64 -t registry.example/manifold:1 --push .
# test/processes/standalone.test.ts runs the standalone server with this file's ENV and CMD.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 is a native addon: built here, for the platform being built.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
RUN groupadd --system --gid 10001 manifold \
  && useradd --system --uid 10001 --gid manifold --home-dir /app --shell /usr/sbin/nologin manifold \
  && mkdir -p /data && chown manifold:manifold /data
# The standalone server and the files it serves as they are (next build does not copy them).
COPY --from=build --chown=manifold:manifold /app/.next/standalone ./
COPY --from=build --chown=manifold:manifold /app/.next/static ./.next/static
COPY --from=build --chown=manifold:manifold /app/public ./public
ENV NODE_ENV=production
ENV NEXT_TELEMETRY_DISABLED=1
ENV PORT=3000
ENV HOSTNAME=0.0.0.0
ENV MANIFOLD_LISTEN_HOST=0.0.0.0
ENV MANIFOLD_DATA_DIR=/data
ENV MANIFOLD_DOCKER_CREDENTIALS=false
ENV MANIFOLD_METRICS_PORT=9464
ENV MANIFOLD_METRICS_HOST=0.0.0.0
ENV MANIFOLD_SHUTDOWN_DRAIN=5
ENV NEXT_MANUAL_SIG_HANDLE=true
USER manifold
VOLUME ["/data"]
EXPOSE 3000 9464
# Liveness only: /api/ready is for the load balancer, which must stop sending during shutdown.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Docker sends SIGTERM on stop: Manifold (not Next) handles it (NEXT_MANUAL_SIG_HANDLE); give it
# more than MANIFOLD_SHUTDOWN_TIMEOUT (25 s) with `docker stop -t 30` / terminationGracePeriodSeconds.
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
