/**
 * A path under the site's base (`astro.config.mjs` `base`), for files the pages fetch: "/" or
 * "/repvgg/" alike, with or without its trailing slash. The one place that normalises the base.
 */
export function siteUrl(path = '', base: string = import.meta.env.BASE_URL): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}${path.replace(/^\//, '')}`;
}
