// Any six digits can be a PIN, so this route cannot be prerendered: it is served by the
// 200.html fallback and rendered in the browser.
export const prerender = false;
