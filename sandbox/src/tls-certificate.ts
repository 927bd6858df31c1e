import { generate } from 'selfsigned';

// A fresh self-signed certificate per start-up, valid for the loopback names and the QIWI hosts, so a
// browser started with --host-resolver-rules can talk to the sandbox as bill.qiwi.com / oplata.qiwi.com.

export const CERTIFICATE_HOSTS = [
  'localhost',
  'api.qiwi.com',
  'bill.qiwi.com',
  'oplata.qiwi.com',
  'qiwi.com',
  'w.qiwi.com',
];

export interface Certificate {
  key: string;
  cert: string;
}

export async function selfSignedCertificate(): Promise<Certificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 30 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'qiwi-sandbox.localhost' }], {
    keyType: 'ec',
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
          ...CERTIFICATE_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
