/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons stay outside the server bundle and load from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "onnxruntime-node"],
  poweredByHeader: false,
};

module.exports = nextConfig;
