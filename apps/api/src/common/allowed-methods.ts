/** The parts of Express 5's router (the `router` package) read here: its layers and the routes they hold. */
interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * The methods the API's routes take on a path, for a 405 answer's Allow header (RFC 9110, 15.5.6), read from
 * Express's router once Nest has registered the routes, so it names what really answers.
 */
export class AllowedMethods {
  constructor(private readonly expressApp: () => { router?: { stack?: RouterLayer[] } }) {}

  /**
   * Upper-case methods, HEAD wherever GET is (Express answers it) and OPTIONS on every path (the filter answers
   * it); empty when no route has this path.
   */
  on(path: string): string[] {
    const methods = new Set<string>();
    for (const layer of this.expressApp().router?.stack ?? []) {
      if (!layer.route || !layer.match(path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') methods.add(method.toUpperCase());
      }
    }
    if (!methods.size) return [];
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    return [...methods].sort();
  }
}
