// Throw-away self-signed certificate for HTTPS on loopback (ref §14: the official SDK refuses http).
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

export async function selfSignedCert(host: string): Promise<TlsMaterial> {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [isIp ? { type: 7, ip: host } : { type: 2, value: host }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert };
}
