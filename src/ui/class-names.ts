import { parseClassNames } from '../core/classes';
import { siteUrl } from '../site/base-url';

/**
 * The 1000 ImageNet class names the site serves (public/models/imagenet-classes.txt, index order),
 * fetched once per page; an empty list when they cannot be loaded (the lists then say "class k").
 */
let names: Promise<string[]> | undefined;

export function imagenetClassNames(base?: string): Promise<string[]> {
  names ??= fetch(siteUrl('models/imagenet-classes.txt', base))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
    .then(parseClassNames)
    .catch(() => []);
  return names;
}
