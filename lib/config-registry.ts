import { z } from 'zod';

/** One entry of the config file's `registries` (lib/config.ts turns it into a RegistryConfig). */

const hostRe = /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?)(:\d{1,5})?$/;

/** An allowUnconfigured host pattern: `ghcr.io`, `*.example.com`, `registry.local:5000`. */
export const patternRe = /^(\*\.)?[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:\d{1,5})?$/;

function validPort(host: string): boolean {
  const port = /:(\d+)$/.exec(host.startsWith('[') ? host.slice(host.indexOf(']')) : host)?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

export const registrySchema = z
  .object({
    host: z
      .string()
      .regex(hostRe, 'must be a host name with an optional port, e.g. localhost:5000')
      .refine((h) => validPort(h), 'the port must be between 1 and 65535'),
    name: z.string().min(1).optional(),
    /** Plain HTTP instead of HTTPS. Defaults to true for loopback hosts, false otherwise. */
    insecure: z.boolean().optional(),
    /** Skip TLS certificate verification (HTTPS still used). */
    tlsVerify: z.boolean().optional(),
    caFile: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** Read the password from this environment variable instead of the file. */
    passwordEnv: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
  })
  .strict();
