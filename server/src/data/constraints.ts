/** The database's refusals that mean something to a user, told apart in both dialects' codes. */

const codeOf = (error: unknown) => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/** A UNIQUE constraint refused the write (a name or an e-mail already used). */
export const isUniqueViolation = (error: unknown) => codeOf(error) === 'SQLITE_CONSTRAINT_UNIQUE' || codeOf(error) === '23505';

/** A FOREIGN KEY refused the write (a row still referred to). */
export const isForeignKeyViolation = (error: unknown) => codeOf(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY' || codeOf(error) === '23503';
