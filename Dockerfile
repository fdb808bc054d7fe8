# The planning tool's server image. Built by docker-compose.yml, which wires it to a PostGIS server through
# DATABASE_URL; without DATABASE_URL the same image runs the embedded engine in /app/.data (mount a volume there).

# ---- build: install everything (Vite and the Vue compiler are dev dependencies) and build the client ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# The lock file and .npmrc first, so that the dependency layer is reused while only sources change.
# .npmrc carries legacy-peer-deps, which the exactly pinned PGlite + PostGIS pair needs (see DESIGN.md).
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:client

# ---- runtime: production dependencies only (tsx runs the TypeScript sources, it is a dependency) ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8080 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY server ./server
COPY migrations ./migrations
COPY data ./data
COPY --from=build /app/client/dist ./client/dist
# The code stays root-owned and read-only to the server, which writes only its embedded-engine folder.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 8080
# Liveness through the same endpoint operators use; node is in the image, curl is not.
HEALTHCHECK --interval=15s --timeout=5s --start-period=300s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["npx", "tsx", "server/src/server.ts"]
