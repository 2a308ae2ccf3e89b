/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons stay outside the server bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "onnxruntime-node"],
  poweredByHeader: false,
  // A second build folder lets two checkouts' builds and servers run side by side without overwriting each other.
  distDir: process.env.REWRITE_DIST_DIR || ".next",
  experimental: {
    // proxy.ts makes Next keep a copy of each request body for the route (10 MB by default), silently cut after the
    // last whole chunk under this size. A route refuses any body past REWRITE_MAX_BODY_BYTES (lib/http/json-body.ts),
    // so the copy needs only that plus a margin far above one chunk, for a cut body still to look too large.
    proxyClientMaxBodySize: (Number(process.env.REWRITE_MAX_BODY_BYTES) || 2 ** 20) + 2 ** 20,
  },
};

module.exports = nextConfig;
