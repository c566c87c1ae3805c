import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../data/transact.ts';
import { settings } from '../settings.ts';

/**
 * Server-side sessions. The browser holds a random token in an httpOnly cookie; the database holds
 * its SHA-256 only. A session ends after `sessionIdleMinutes` without use or `sessionMaxHours`
 * after the login, whichever comes first. Times are real epoch milliseconds.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const MINUTE = 60_000;

export async function openSession(tx: Db, userId: number, now: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: now + settings.sessionMaxHours * 60 * MINUTE,
    })
    .execute();
  return token;
}

/**
 * The user of a live session and until when it stays valid without another check, touching its
 * last use (at most once a minute); null if there is none.
 */
export async function liveSession(tx: Db, token: string, now: number): Promise<{ userId: number; validUntil: number } | null> {
  const hash = hashToken(token);
  const session = await tx.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  const idle = settings.sessionIdleMinutes * MINUTE;
  if (!session) return null;
  if (now >= session.expires_at || now - session.last_seen_at >= idle) {
    await tx.deleteFrom('sessions').where('token_hash', '=', hash).execute();
    return null;
  }
  let lastSeen = session.last_seen_at;
  if (now - lastSeen >= MINUTE) {
    await tx.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
    lastSeen = now;
  }
  return { userId: session.user_id, validUntil: Math.min(session.expires_at, lastSeen + idle) };
}

export async function closeSession(tx: Db, token: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user but, optionally, the one making the request (password change). */
export async function closeOtherSessions(tx: Db, userId: number, keepToken?: string): Promise<void> {
  let query = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepToken) query = query.where('token_hash', '!=', hashToken(keepToken));
  await query.execute();
}
