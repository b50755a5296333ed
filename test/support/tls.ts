import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files of a throwaway CA and a server certificate it signed (all PEM). */
export interface TestCertificates {
  caFile: string;
  caKeyFile: string;
  certFile: string;
  keyFile: string;
  /** PEM text of the CA certificate, handy for `ca:` options. */
  caPem: string;
}

/** A self-signed EC P-256 certificate and its PKCS#8 key, used to sign registry tokens. */
export interface SigningCertificate {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
  /** The certificate as base64 DER: the value a JWS `x5c` header carries. */
  certDerBase64: string;
}

export interface CreateTlsOptions {
  /** Subject alternative IPs; default ['127.0.0.1']. */
  ips?: string[];
  /** Subject alternative DNS names; default ['localhost']. */
  dnsNames?: string[];
  days?: number;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim() || String(err)}`, {
      cause: err,
    });
  }
}

function serial(): string {
  // Positive, non-zero 64-bit serial: clear the top bit, set a low one.
  const bytes = randomBytes(8);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  bytes[7] = (bytes[7] ?? 0) | 0x01;
  return `0x${bytes.toString('hex')}`;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/**
 * Returns a fresh CA and a server certificate for 127.0.0.1 and localhost signed by it, written
 * into `dir` with the `openssl` CLI; throws when openssl fails.
 */
export async function createTlsCertificates(
  dir: string,
  options: CreateTlsOptions = {},
): Promise<TestCertificates> {
  const ips = options.ips ?? ['127.0.0.1'];
  const dnsNames = options.dnsNames ?? ['localhost'];
  const days = String(options.days ?? 30);
  const caFile = path.join(dir, 'ca.pem');
  const caKeyFile = path.join(dir, 'ca-key.pem');
  const certFile = path.join(dir, 'server.pem');
  const keyFile = path.join(dir, 'server-key.pem');
  const csrFile = path.join(dir, 'server.csr');
  const caConfig = path.join(dir, 'ca.cnf');
  const serverExt = path.join(dir, 'server-ext.cnf');

  // Own config files, so the system openssl.cnf cannot add or duplicate extensions.
  await writeFile(
    caConfig,
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      '[dn]',
      'CN = Manifold Test CA',
      'O = Manifold tests',
      '[v3_ca]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '[server_req]',
      'distinguished_name = server_dn',
      'prompt = no',
      '[server_dn]',
      'CN = localhost',
      '',
    ].join('\n'),
  );
  const san = [...ips.map((ip) => `IP:${ip}`), ...dnsNames.map((name) => `DNS:${name}`)].join(',');
  await writeFile(
    serverExt,
    [
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${san}`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );

  await openssl(
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-config',
      caConfig,
      '-extensions',
      'v3_ca',
      '-days',
      days,
      '-set_serial',
      serial(),
      '-keyout',
      caKeyFile,
      '-out',
      caFile,
    ],
    dir,
  );
  await openssl(
    [
      'req',
      '-new',
      ...EC_KEY,
      '-config',
      caConfig,
      '-section',
      'server_req',
      '-keyout',
      keyFile,
      '-out',
      csrFile,
    ],
    dir,
  );
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csrFile,
      '-CA',
      caFile,
      '-CAkey',
      caKeyFile,
      '-set_serial',
      serial(),
      '-days',
      days,
      '-extfile',
      serverExt,
      '-out',
      certFile,
    ],
    dir,
  );
  return { caFile, caKeyFile, certFile, keyFile, caPem: await readFile(caFile, 'utf8') };
}

/**
 * Returns a self-signed EC P-256 signing certificate (for the token server's JWS `x5c` and the
 * registry's `rootcertbundle`) written into `dir`; throws when openssl fails.
 */
export async function createSigningCertificate(
  dir: string,
  name = 'token-signer',
): Promise<SigningCertificate> {
  const certFile = path.join(dir, `${name}.pem`);
  const keyFile = path.join(dir, `${name}-key.pem`);
  const config = path.join(dir, `${name}.cnf`);
  await writeFile(
    config,
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      '[dn]',
      `CN = Manifold ${name}`,
      '[v3]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  await openssl(
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-config',
      config,
      '-extensions',
      'v3',
      '-days',
      '30',
      '-set_serial',
      serial(),
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    dir,
  );
  const certPem = await readFile(certFile, 'utf8');
  const keyPem = await readFile(keyFile, 'utf8');
  const certDerBase64 = certPem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  return { certFile, keyFile, certPem, keyPem, certDerBase64 };
}
