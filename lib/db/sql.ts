/** The current time as the API writes timestamps (ISO 8601 UTC with milliseconds), computed by the database. */
export const SQL_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
