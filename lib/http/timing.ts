import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Server-Timing of one API request: the door records its own phases (auth, input, handler,
 * total), a handler adds its own (inspect, serialise), and every registry round trip made while
 * the request runs is counted (found through AsyncLocalStorage, so library code needs no
 * parameter for it). Sent as one `Server-Timing` header anyone can read in the browser's tools.
 */
export interface ServerTiming {
  /** Runs `fn` and records its duration as the phase `name`; returns what it returns. */
  measure<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** The same for synchronous work (e.g. serialising a response). */
  measureSync<T>(name: string, fn: () => T): T;
  /** Records a phase measured elsewhere. */
  add(name: string, ms: number, description?: string): void;
  /** Records one registry round trip (summed per method into `registry-<method>`). */
  roundTrip(method: string, ms: number): void;
  /** Returns the header value, ending with `total` since the timing was created. */
  header(): string;
}

interface Phase {
  name: string;
  ms: number;
  description?: string;
}

const TOKEN_RE = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g;

/** Returns a new timing whose `total` counts from now. */
export function createServerTiming(): ServerTiming {
  const started = performance.now();
  const phases: Phase[] = [];
  const trips = new Map<string, { count: number; ms: number; max: number }>();
  const timing: ServerTiming = {
    async measure(name, fn) {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        timing.add(name, performance.now() - t0);
      }
    },
    measureSync(name, fn) {
      const t0 = performance.now();
      try {
        return fn();
      } finally {
        timing.add(name, performance.now() - t0);
      }
    },
    add(name, ms, description) {
      phases.push({ name, ms, ...(description ? { description } : {}) });
    },
    roundTrip(method, ms) {
      const t = trips.get(method) ?? { count: 0, ms: 0, max: 0 };
      trips.set(method, { count: t.count + 1, ms: t.ms + ms, max: Math.max(t.max, ms) });
    },
    header() {
      const parts = phases.map((p) => format(p));
      for (const [method, t] of trips)
        parts.push(
          format({
            name: `registry-${method.toLowerCase()}`,
            ms: t.ms,
            description: `${t.count} requests (slowest ${t.max.toFixed(1)} ms)`,
          }),
        );
      parts.push(format({ name: 'total', ms: performance.now() - started }));
      return parts.join(', ');
    },
  };
  return timing;
}

function format(p: Phase): string {
  const desc = p.description ? `;desc="${p.description.replace(/["\\]/g, '')}"` : '';
  return `${p.name.replace(TOKEN_RE, '-')};dur=${p.ms.toFixed(1)}${desc}`;
}

const store = new AsyncLocalStorage<ServerTiming>();

/** Runs `fn` with `timing` as the current request's timing; returns what `fn` returns. */
export function withServerTiming<T>(timing: ServerTiming, fn: () => T): T {
  return store.run(timing, fn);
}

/** Returns the timing of the API request being served, or undefined outside one (jobs, pages). */
export function currentServerTiming(): ServerTiming | undefined {
  return store.getStore();
}
