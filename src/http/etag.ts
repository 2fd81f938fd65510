/**
 * Whether an If-None-Match header names this ETag (or is `*`): the one rule for every answer the
 * hub labels with an ETag (tiles, cached GraphQL reads). Weak and strong tags compare alike, as
 * RFC 9110 asks of If-None-Match.
 * @param header the If-None-Match header, when sent
 * @param etag the answer's ETag, quoted
 */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) {
    return false;
  }
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
