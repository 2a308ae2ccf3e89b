/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons stay outside the server bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "onnxruntime-node"],
  poweredByHeader: false,
  experimental: {
    // proxy.ts makes Next keep a copy of each request body for the route (10 MB by default); a route refuses any
    // body past REWRITE_MAX_BODY_BYTES (lib/http/json-body.ts), so one byte more is all the copy needs.
    proxyClientMaxBodySize: (Number(process.env.REWRITE_MAX_BODY_BYTES) || 2 ** 20) + 1,
  },
};

module.exports = nextConfig;
