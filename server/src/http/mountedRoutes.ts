/**
 * The routes an Express application really serves, read from its routers (router 2's listRoutes),
 * so the request log and the OpenAPI test never rely on a list kept by hand.
 */

export interface MountedRoute {
  /** Upper-case HTTP method (HEAD is left out: Express answers it from GET). */
  method: string;
  /** Express pattern from the application's root, e.g. /api/clients/:id. */
  path: string;
}

interface ListedRoute {
  path: string | RegExp;
  methods?: string[];
  router?: RoutesSource;
}
interface RoutesSource {
  listRoutes(): ListedRoute[];
}

const join = (prefix: string, path: string) => {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
};

/** Every method and path of `app`, in the order Express tries them. Regular-expression paths are skipped. */
export function mountedRoutes(app: { router: unknown }): MountedRoute[] {
  const routes: MountedRoute[] = [];
  const walk = (source: RoutesSource, prefix: string) => {
    for (const listed of source.listRoutes()) {
      if (typeof listed.path !== 'string') continue;
      const path = join(prefix, listed.path);
      if (listed.router) walk(listed.router, path);
      for (const method of listed.methods ?? []) {
        if (method !== 'HEAD') routes.push({ method: method.toUpperCase(), path });
      }
    }
  };
  walk(app.router as RoutesSource, '');
  return routes;
}

const segments = (path: string) => path.split('/').filter(Boolean);

/**
 * A pattern, split once: each `:name` segment stands for one segment of a path, a final `{*name}`
 * (the console's fallback) for all the rest.
 */
function compile(route: MountedRoute) {
  const want = segments(route.path);
  const rest = want.length > 0 && /^\{\*\w+\}$/.test(want[want.length - 1]);
  const fixed = rest ? want.slice(0, -1) : want;
  return {
    ...route,
    matches(got: string[]): boolean {
      if (rest ? got.length < fixed.length : got.length !== fixed.length) return false;
      return fixed.every((segment, i) => segment.startsWith(':') || segment === got[i]);
    },
  };
}

/** The first route pattern serving this method and path (no query), as Express would pick it, or null. */
export function routeMatcher(routes: readonly MountedRoute[]) {
  const compiled = routes.map(compile);
  return (method: string, path: string): string | null => {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const got = segments(path);
    return compiled.find((route) => route.method === wanted && route.matches(got))?.path ?? null;
  };
}

/** routeMatcher over the application's routes, read when first asked: by then every route is mounted. */
export function routeMatcherAtFirstUse(app: { router: unknown }) {
  let match: ReturnType<typeof routeMatcher> | null = null;
  return (method: string, path: string) => (match ??= routeMatcher(mountedRoutes(app)))(method, path);
}
