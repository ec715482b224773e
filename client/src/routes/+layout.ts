// A pure client-side app: nothing renders on a server. Static routes (/, /login, /account)
// are prerendered as shells; dynamic ones opt out and are served the 200.html fallback.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
