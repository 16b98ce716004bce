// How discord.js's REST sends requests, made safe for file uploads. Each undici registers a
// process-wide default dispatcher when it loads, and the first one wins: cheerio's undici 7
// loads before discord.js's undici 6, whose request() then hands a multipart FormData to
// undici 7, which cannot read it ("action is not a function": every reply with a file fails).
// A FormData body is encoded to bytes here first; every other body goes through unchanged.
import { DefaultRestOptions } from 'discord.js';

type MakeRequest = typeof DefaultRestOptions.makeRequest;

export const uploadSafeRequest: MakeRequest = async (url, init) => {
  if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
  const encoded = new Response(init.body);
  const headers = { ...(init.headers as Record<string, string>), 'content-type': encoded.headers.get('content-type')! };
  return DefaultRestOptions.makeRequest(url, { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) });
};
