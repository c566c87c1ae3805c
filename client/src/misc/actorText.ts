import type { TranslateFunction } from 'react-admin';

/** Who did something, for the reader: the server's own actors (the seed, the daily jobs) in their language, a login as recorded. */
export const actorText = (translate: TranslateFunction, actor: unknown): string =>
    typeof actor === 'string' && actor !== '' ? translate(`cascade.system_actor.${actor}`, { _: actor }) : '';
