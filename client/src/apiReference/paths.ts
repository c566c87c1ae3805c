import { API_URL } from '../providers/dataProvider';

/** The console's API reference page (admins). */
export const API_REFERENCE_PATH = '/api-reference';

/** The document it shows, served by the API itself. */
export const OPENAPI_URL = `${API_URL}/openapi.json`;
