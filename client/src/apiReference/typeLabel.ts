import type { TypeInfo } from './openApiModel';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'date', 'email', 'any'];
const typeName = (translate: Translate, type: string) =>
    KNOWN_TYPES.includes(type) ? translate(`cascade.api_reference.types.${type}`) : type;

/** "entier ou null, de 1 à 10", "liste de objet, au moins 1 élément(s)", "texte, valeurs : "admin", …". */
export function typeLabel(translate: Translate, info: TypeInfo): string {
    const key = (name: string, options?: Record<string, unknown>) => translate(`cascade.api_reference.${name}`, options);
    const type =
        info.type === 'array' && info.items
            ? key('list_of', { type: typeName(translate, info.items) })
            : typeName(translate, info.type);
    const parts = [info.nullable ? `${type} ${key('nullable')}` : type];
    const { min, max, minLength, maxLength } = info;
    if (min !== undefined && max !== undefined) parts.push(key('range', { min, max }));
    else if (min !== undefined) parts.push(key('at_least', { min }));
    else if (max !== undefined) parts.push(key('at_most', { max }));
    const [both, least, most] = info.type === 'array' ? ['items', 'min_items', 'max_items'] : ['length', 'min_length', 'max_length'];
    if (minLength !== undefined && maxLength !== undefined) parts.push(key(both, { min: minLength, max: maxLength }));
    // A required text of at least 1 character says nothing more than "required".
    else if (minLength !== undefined && minLength > 1) parts.push(key(least, { min: minLength, smart_count: minLength }));
    else if (maxLength !== undefined) parts.push(key(most, { max: maxLength }));
    if (info.values) parts.push(key('values', { values: info.values.join(', ') }));
    return parts.join(', ');
}
