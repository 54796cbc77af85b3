import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { startOnecSimulator, type OnecSim, type OnecSimOptions } from './index';

// Shared helpers of the simulator's own tests: a started simulator and an axios client that never
// throws on HTTP status and percent-encodes Cyrillic paths (ref §1.11).

export interface TestSim {
  sim: OnecSim;
  http: AxiosInstance;
  /** GET with $format=json appended. */
  get(path: string, headers?: Record<string, string>): Promise<AxiosResponse>;
  close(): Promise<void>;
}

/** Percent-encode a path + query the way a careful client does: UTF-8, spaces as %20, quotes kept. */
export function enc(pathAndQuery: string): string {
  return encodeURI(pathAndQuery).replace(/\+/g, '%2B');
}

export function basic(user: string, password: string, encoding: BufferEncoding | 'cp1251' = 'utf8'): string {
  const text = `${user}:${password}`;
  const bytes = encoding === 'cp1251' ? toCp1251(text) : Buffer.from(text, encoding);
  return `Basic ${bytes.toString('base64')}`;
}

/** Minimal cp1251 encoder (Cyrillic А..я, Ё/ё, ASCII) for the "wrong encoding" auth test. */
export function toCp1251(s: string): Buffer {
  return Buffer.from(
    [...s].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (code === 0x401) return 0xa8;
      if (code === 0x451) return 0xb8;
      return 0x3f;
    }),
  );
}

export async function startTestSim(opts: OnecSimOptions = {}): Promise<TestSim> {
  const sim = await startOnecSimulator(opts);
  const http = axios.create({
    baseURL: sim.url,
    validateStatus: () => true,
    headers: { Authorization: basic(sim.user, sim.password), Accept: 'application/json' },
    transformResponse: [(data: unknown) => data], // keep raw text; parse explicitly
    responseType: 'text',
  });
  const parse = (r: AxiosResponse): AxiosResponse => {
    const ct = String(r.headers['content-type'] ?? '');
    if (ct.includes('json') && typeof r.data === 'string' && r.data !== '') r.data = JSON.parse(r.data);
    return r;
  };
  http.interceptors.response.use(parse);
  return {
    sim,
    http,
    get: (path, headers) => http.get(enc(path + (path.includes('?') ? '&' : '?') + '$format=json'), { headers }),
    close: () => sim.close(),
  };
}

export interface ODataErrorBody {
  'odata.error': { code: string; message: { lang: string; value: string } };
}

export const errCode = (r: AxiosResponse): string => (r.data as ODataErrorBody)['odata.error'].code;
export const errText = (r: AxiosResponse): string => (r.data as ODataErrorBody)['odata.error'].message.value;
export const values = <T = Record<string, unknown>>(r: AxiosResponse): T[] => (r.data as { value: T[] }).value;
