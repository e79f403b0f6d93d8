import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The server's TLS identity: PEM key and certificate, and what people compare. */
export interface ServerCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, colon-separated hex as browsers show it. */
  fingerprint: string;
}

/** Where the certificate comes from: made and kept in a folder, or files an admin gave. */
export type CertificateSource =
  { kind: 'self-signed'; dir: string } | { kind: 'files'; certFile: string; keyFile: string };

export const KEY_FILE_NAME = 'tls-key.pem';
export const CERT_FILE_NAME = 'tls-cert.pem';
/** Ten years: a self-signed certificate that expired would look like an attack to every client. */
const SELF_SIGNED_YEARS = 10;

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/**
 * The certificate to serve. A self-signed one is made on first use and kept (key readable by
 * the server's user only), so every later start presents the same one and pinned clients keep
 * trusting it.
 */
export async function loadCertificate(source: CertificateSource): Promise<ServerCertificate> {
  if (source.kind === 'files') {
    const [cert, key] = await Promise.all([
      readPem(source.certFile, 'TLS_CERT'),
      readPem(source.keyFile, 'TLS_KEY'),
    ]);
    return { key, cert, fingerprint: fingerprintOf(cert) };
  }
  const keyFile = join(source.dir, KEY_FILE_NAME);
  const certFile = join(source.dir, CERT_FILE_NAME);
  const kept = await readKept(keyFile, certFile);
  if (kept) return kept;
  const made = await makeSelfSigned();
  await mkdir(source.dir, { recursive: true });
  try {
    // The key first and exclusively: of two servers starting at once on one folder, one makes it.
    await writeFile(keyFile, made.key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return waitForKept(keyFile, certFile);
  }
  await chmod(keyFile, 0o600);
  await writeFile(certFile, made.cert, { flag: 'wx' });
  return made;
}

async function readKept(keyFile: string, certFile: string): Promise<ServerCertificate | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    return { key, cert, fingerprint: fingerprintOf(cert) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** Another process is writing the pair: its certificate follows its key within moments. */
async function waitForKept(keyFile: string, certFile: string): Promise<ServerCertificate> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const kept = await readKept(keyFile, certFile);
    if (kept) return kept;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${keyFile} exists without ${certFile}: remove both to make a new certificate, or restore the pair`,
  );
}

async function readPem(file: string, variable: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${variable}: cannot read "${file}" (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function makeSelfSigned(): Promise<ServerCertificate> {
  const name = hostname();
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + SELF_SIGNED_YEARS);
  const result = await generate([{ name: 'commonName', value: `LTC Desk sync server (${name})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: name },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert, fingerprint: fingerprintOf(result.cert) };
}
