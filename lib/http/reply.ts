/** A response with a status or headers of its own; a handler that returns a plain value gets its route's status. */
export class HttpReply<Body = unknown> {
  constructor(
    readonly statusCode: number,
    readonly body?: Body,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {}
}

export const ok = <Body>(body: Body, headers?: Record<string, string>) => new HttpReply(200, body, headers);

export const created = <Body>(body: Body, location: string) => new HttpReply(201, body, { location });

export const noContent = () => new HttpReply(204);
