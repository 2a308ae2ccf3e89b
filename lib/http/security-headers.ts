// Sent on every response: no other site may frame a page (clickjacking a "Use this pack" button), guess a JSON
// answer's type into a script, embed a resource, or learn the URL (a ?token=…) through the Referer header.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
};
