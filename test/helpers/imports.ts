/** HTTP helpers of the import tests: upload a file, preview and commit choices, and raw uploads for the size limit. */
import http from 'node:http';
import { fetchAs, sendJson } from './http.js';

/** Uploads `bytes` as the file `name` with the default (or given) credentials; answers status and JSON body. */
export async function upload(baseUrl: string, name: string, bytes: Buffer | string, headers: Record<string, string> = {}) {
  const res = await fetchAs(`${baseUrl}/api/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** POSTs choices to /api/imports/{id}/preview or /commit. */
export function step(baseUrl: string, id: string, what: 'preview' | 'commit', choices: Record<string, unknown>, headers: Record<string, string> = {}) {
  return sendJson('POST', `${baseUrl}/api/imports/${id}/${what}`, choices, { 'content-type': 'application/json', ...headers });
}

/**
 * A raw HTTP upload that declares `declaredLength` (or streams chunked when undefined) and writes `sendBytes`;
 * resolves with the answer as soon as it comes, however much of the body was sent by then.
 */
export function rawUpload(baseUrl: string, headers: Record<string, string>, sendBytes: number, declaredLength?: number): Promise<{ status: number; body: Record<string, unknown>; sentBytes: number }> {
  const url = new URL(`${baseUrl}/api/imports?name=big.geojson`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/octet-stream', ...(declaredLength === undefined ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(declaredLength) }) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        resolve({ status: res.statusCode!, body: JSON.parse(text), sentBytes: sent });
        req.destroy();
      });
    });
    // The server may close the connection while the body is still being written: that is the point.
    let answered = false;
    req.on('response', () => { answered = true; });
    req.on('error', (err) => { if (!answered) reject(err); });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (sent < sendBytes && !answered) {
        const piece = chunk.subarray(0, Math.min(chunk.length, sendBytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      // A declared length larger than what is sent keeps the request open: the answer must come before the body.
      if (declaredLength === undefined && !answered) req.end();
    };
    pump();
  });
}
