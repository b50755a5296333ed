// zod's global config, imported alone: `zod/v4/core` is side-effect free, so the browser gets this
// one function instead of all of zod (~30 kB gzipped on every page). It is the same module
// instance `zod` itself reads, so the setting applies to every schema.
import { config } from 'zod/v4/core';

// Runs before any of the app's browser code. zod compiles object parsers with `new Function`
// unless told not to; the CSP forbids eval (and even zod's probe for it is a violation), so the
// browser parses without it. This must precede every schema's construction.
config({ jitless: true });
