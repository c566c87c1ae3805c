/**
 * The folded form `q` searches compare: lower case, accents removed, so that "GÉNÉRALE",
 * "générale" and "generale" all find "Électricité Générale".
 */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
