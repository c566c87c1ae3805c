/** The events of the access log (DESIGN §3 access_log), translated as `cascade.access_event.<event>`. */
export const ACCESS_EVENTS = [
    'login_success',
    'login_failure',
    'logout',
    'password_change',
    'totp_enabled',
    'totp_disabled',
    'recovery_code_used',
    'api_key_used',
] as const;

export const accessEventChoices = ACCESS_EVENTS.map(event => ({ id: event, name: `cascade.access_event.${event}` }));
