// The Content-Security-Policy the app is built to run under (documented in docs/embedding.md).
// No inline script or style, no other origin; frame-ancestors * lets any course page embed it.
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  // The share panel loads the widget in a hidden frame to measure the iframe snippet's height.
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');
