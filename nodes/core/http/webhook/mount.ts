/**
 * Adds a route to an Express application (Node-RED's `RED.httpNode`) and takes it off again on
 * redeploy, as the core `http in` node does (21-httpin.js: it splices its layer out of the
 * router's stack, matching path and method).
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

type Handler = (...args: never[]) => void;

interface RouteLayer {
  route?: { path?: unknown; methods?: Record<string, boolean>; stack?: Array<{ handle?: unknown }> };
}

export interface ExpressLikeApp {
  get(path: string, ...handlers: Handler[]): unknown;
  post(path: string, ...handlers: Handler[]): unknown;
  put(path: string, ...handlers: Handler[]): unknown;
  patch(path: string, ...handlers: Handler[]): unknown;
  delete(path: string, ...handlers: Handler[]): unknown;
  _router?: { stack: RouteLayer[] };
  router?: { stack: RouteLayer[] };
}

export function isHttpMethod(m: string): m is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(m);
}

/** Normalises a configured URL the way `http in` does: always a leading slash. */
export function normaliseUrl(url: string): string {
  const u = url.trim();
  return u.startsWith('/') ? u : '/' + u;
}

/** Mounts `handler`; returns the function that removes exactly this route again. */
export function mountRoute(app: ExpressLikeApp, method: HttpMethod, url: string, handler: Handler, before: Handler[] = []): () => void {
  app[method](url, ...before, handler);
  return () => {
    const stack = (app._router ?? app.router)?.stack;
    if (!stack) return;
    for (let i = stack.length - 1; i >= 0; i--) {
      const r = stack[i].route;
      if (r && r.path === url && r.methods?.[method] && r.stack?.some((l) => l.handle === handler)) stack.splice(i, 1);
    }
  };
}
