// The one shape check the platform guards share: a JSON object (not null, not an array), before any of
// its fields are read from an untrusted payload.
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
