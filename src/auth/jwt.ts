import { createPublicKey, type KeyObject } from 'node:crypto';

import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

import type { JwtConfig } from '../config';
import { UnauthenticatedError } from '../errors';

import { isRole, type Role, ROLES } from './roles';

/** A verified token: its subject and the role its claim names. */
export interface TokenCaller {
  subject: string;
  role: Role;
}

export type TokenVerifier = (token: string) => Promise<TokenCaller>;

function roleOf(payload: JWTPayload, claim: string): Role {
  const value = payload[claim];
  // Identity providers send one role or a list of them; a list grants the highest one it names.
  const named = (Array.isArray(value) ? value : [value]).filter(isRole);
  if (named.length === 0) {
    throw new UnauthenticatedError(
      `the token's "${claim}" claim must name a role (${ROLES.join(', ')}), got ${JSON.stringify(value ?? null)}`,
    );
  }
  return named.reduce((best, r) => (ROLES.indexOf(r) > ROLES.indexOf(best) ? r : best));
}

/**
 * Verifies bearer tokens (JWT) with the configured secret, public key or JWKS, and reads the
 * caller's role from the configured claim.
 * @throws UnauthenticatedError saying why a token is refused (bad signature, expired, wrong
 *   issuer or audience, no subject, no role)
 */
export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const key: Uint8Array | KeyObject | ReturnType<typeof createRemoteJWKSet> = config.secret
    ? new TextEncoder().encode(config.secret)
    : config.publicKey
      ? createPublicKey(config.publicKey)
      : createRemoteJWKSet(new URL(config.jwksUrl as string));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms: config.algorithms,
        issuer: config.issuer,
        audience: config.audience,
      }));
    } catch (err) {
      if (err instanceof errors.JOSEError) {
        throw new UnauthenticatedError(`the bearer token was refused: ${err.message}`);
      }
      throw err;
    }
    if (!payload.sub) {
      throw new UnauthenticatedError('the bearer token has no subject ("sub"), so its actions could not be recorded');
    }
    return { subject: payload.sub, role: roleOf(payload, config.roleClaim) };
  };
}
