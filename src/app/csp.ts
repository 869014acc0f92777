/**
 * The Content Security Policy the build writes into index.html (see SECURITY.md). Scripts, workers,
 * and fonts come only from the app's own origin; fetches too, except a data file at an address the user
 * types (https, or plain http on this machine); 'wasm-unsafe-eval' lets DuckDB compile its
 * WebAssembly; images may be data: and blob: URLs (chart and brief PNG export draws through them);
 * styles may be inline (React, Recharts and CodeMirror set style attributes and elements). No inline
 * script runs. frame-ancestors cannot be set from a meta tag; it belongs in a response header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' blob: data: https: http://localhost:* http://127.0.0.1:*",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');
