import { UnauthenticatedError } from '../errors';

import { type FoundKey, KEY_PREFIX } from './api-keys';
import { anonymous, type Caller } from './caller';
import type { TokenVerifier } from './jwt';

/** What authentication needs: a key lookup, and a token verifier when tokens are configured. */
export interface AuthenticationSources {
  findKey(key: string): Promise<FoundKey | undefined>;
  verifyToken: TokenVerifier | undefined;
}

/** The request headers authentication reads (lower-case names, as Node gives them). */
export interface CredentialHeaders {
  authorization?: string;
  'x-api-key'?: string | string[];
}

/** Who is calling, and the data version when it came with their API key (HubContext.dataStamp). */
export interface Authenticated {
  caller: Caller;
  dataStamp?: string;
}

/**
 * Finds out who is calling: `Authorization: Bearer <API key or JWT>` or `X-API-Key: <key>`;
 * no credentials at all make a public caller. Credentials that are sent but wrong are refused,
 * never quietly treated as public, so a caller learns at once that their key or token is bad.
 * @param address the client's address, the rate-limit key of anonymous callers
 * @throws UnauthenticatedError naming what is wrong
 */
export async function authenticate(
  headers: CredentialHeaders,
  address: string,
  sources: AuthenticationSources,
): Promise<Authenticated> {
  const apiKeyHeader = headers['x-api-key'];
  if (Array.isArray(apiKeyHeader)) {
    throw new UnauthenticatedError('send one X-API-Key header, not several');
  }
  let credential = apiKeyHeader?.trim();
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      throw new UnauthenticatedError('the Authorization header must be "Bearer <API key or token>"');
    }
    if (credential && credential !== match[1]) {
      throw new UnauthenticatedError('send one credential: an Authorization header or an X-API-Key header');
    }
    credential = match[1];
  }
  if (!credential) {
    return { caller: anonymous(address) };
  }
  if (credential.startsWith(KEY_PREFIX)) {
    const key = await sources.findKey(credential);
    if (!key) {
      throw new UnauthenticatedError('the API key is unknown or revoked');
    }
    return {
      caller: { role: key.role, identity: `api-key:${key.id} (${key.label})`, limitKey: `api-key:${key.id}` },
      dataStamp: key.dataStamp,
    };
  }
  if (!sources.verifyToken) {
    throw new UnauthenticatedError(
      `this hub takes API keys (starting ${KEY_PREFIX}) only; bearer tokens need JWT_SECRET, JWT_PUBLIC_KEY_FILE or JWT_JWKS_URL set`,
    );
  }
  const token = await sources.verifyToken(credential);
  return { caller: { role: token.role, identity: `jwt:${token.subject}`, limitKey: `jwt:${token.subject}` } };
}
