// Rendered in the browser from the SPA fallback, like /stage/[id]: a prerendered stage/new.html
// would create a build/stage/ folder, and the static server would then answer /stage with a
// redirect to /stage/ instead of stage.html.
export const prerender = false;
