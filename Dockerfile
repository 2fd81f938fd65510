# The hub's image, on Node 22 LTS (the code also runs on Node 20.19+). With DATABASE_URL (as
# docker-compose.yml sets) it uses that PostgreSQL + PostGIS server; without it, the embedded
# PGlite database in /data. The import commands run in it as compiled JavaScript (no tsc at
# run time), e.g. `docker compose run --rm hub node dist/src/ingest/police/import-police.cli.js
# /imports/FILE.csv`; they list rejected rows in IMPORT_REPORTS_DIR, a volume in compose.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
RUN npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0 DATA_DIR=/data IMPORT_REPORTS_DIR=/import-reports
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY geodata ./geodata
# The GraphQL explorer offers the README's example operations, read at start.
COPY README.md ./
RUN mkdir -p /data /import-reports node_modules/.cache && chown node:node /data /import-reports node_modules/.cache
USER node
EXPOSE 4000
# Healthy means ready: the database answered within a second (/readyz); /healthz is the process alone.
# A first start loads the reference geography (and on the embedded database creates PostGIS,
# 15 to 20 s): failed checks in the first two minutes do not count against it.
HEALTHCHECK --start-period=120s --interval=10s --timeout=5s --retries=6 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/server.js"]
