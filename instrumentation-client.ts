import { z } from 'zod';

// Runs before any of the app's browser code. zod compiles object parsers with `new Function`
// unless told not to; the CSP forbids eval (and even zod's probe for it is a violation), so the
// browser parses without it. This must precede every schema's construction.
z.config({ jitless: true });
