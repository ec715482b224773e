// SvelteKit config: a fully static single-page build that the api serves on the same origin.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({
      pages: 'build',
      assets: 'build',
      // Dynamic routes (/join/123456) cannot be prerendered; the api answers them with this
      // SPA shell and the client router takes over.
      fallback: '200.html',
      precompress: false,
      strict: true,
    }),
    // Absolute asset URLs: the same shell is served at /join/123456, /login/ and so on, where
    // relative ./_app paths would break; it also keeps every page's boot script identical,
    // which makes the api's CSP hash simpler.
    paths: { relative: false },
  },
  vitePlugin: {
    // Our own components must use runes; libraries in node_modules keep their own mode.
    dynamicCompileOptions({ filename }) {
      if (!filename.split(/[/\\]/).includes('node_modules')) return { runes: true };
    },
  },
};

export default config;
